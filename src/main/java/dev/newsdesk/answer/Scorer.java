package dev.newsdesk.answer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fitted parameters of the extractive answerer, as {@code newsdesk fit} writes them: the sentence
 * model (does this sentence hold the answer?), the answerability model (do the articles answer this
 * question at all?) and the composition thresholds. {@code fitted} records the data, split and seed it
 * came from, and the figures it reached on held-out questions.
 *
 * @param neighbour a neighbouring sentence joins the answer when its probability is at least this
 *                  share of the best sentence's (news often states an answer over two sentences)
 * @param second    another sentence joins when its probability is at least this share of the best's
 * @param abstainBelow the answerability below which the answerer abstains, set by a false-abstention
 *                  budget on answerable questions, not by the share of unanswerable ones in a set
 * @param readerMargin for the reader alone given a paragraph ({@code eval --squad}): it answers when its
 *                  best span beats "no answer" by more than this (fitted for F1 on SQuAD 2.0 articles)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scorer(LogisticModel sentence, LogisticModel answerable, double neighbour, double second,
                     double abstainBelow, JsonNode fitted, double readerMargin) {

    /** This scorer with the reader's paragraph margin set. */
    public Scorer withReaderMargin(double margin) {
        return new Scorer(sentence, answerable, neighbour, second, abstainBelow, fitted, margin);
    }

    /** The scorers shipped with newsdesk: without the reader (NEWSDESK_READER=off), and with it. */
    static final String RESOURCE = "scorer.json";
    static final String READER_RESOURCE = "reader-scorer.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Scorer bundled(boolean reader) {
        String resource = reader ? READER_RESOURCE : RESOURCE;
        try (InputStream in = Scorer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; run 'newsdesk fit'");
            }
            return JSON.readValue(in, Scorer.class).checked(resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + resource + ": " + e.getMessage(), e);
        }
    }

    /** True when this scorer weighs what the reader found, so that answering with it needs the reader. */
    public boolean usesReader() {
        return answerable.features().containsAll(ReaderEvidence.ANSWER_FEATURES);
    }

    /** A scorer written by {@code newsdesk fit --out FILE}. */
    public static Scorer read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), Scorer.class).checked(file.toString());
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read the scorer '" + file + "' (" + e.getMessage()
                    + "); write one with 'newsdesk fit --out FILE' or unset NEWSDESK_SCORER.", e);
        }
    }

    public void write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    /** Fails when the file was fitted on other features than this version computes. */
    private Scorer checked(String source) {
        boolean reader = usesReader();
        boolean sentences = sentence.features().equals(SentenceFeatures.names(false))
                || reader && sentence.features().equals(SentenceFeatures.names(true));
        if (!sentences || !answerable.features().equals(AnswerFeatures.names(reader))) {
            throw new NewsdeskException("The scorer '" + source + "' was fitted on other features than this version of"
                    + " newsdesk computes; fit it again with 'newsdesk fit'.");
        }
        return this;
    }
}
