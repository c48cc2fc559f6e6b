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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scorer(LogisticModel sentence, LogisticModel answerable, double neighbour, double second,
                     double abstainBelow, JsonNode fitted) {

    /** The scorer shipped with newsdesk. */
    static final String RESOURCE = "scorer.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Scorer bundled() {
        try (InputStream in = Scorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; run 'newsdesk fit'");
            }
            return JSON.readValue(in, Scorer.class).checked(RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + RESOURCE + ": " + e.getMessage(), e);
        }
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
        if (!sentence.features().equals(SentenceFeatures.NAMES) || !answerable.features().equals(AnswerFeatures.NAMES)) {
            throw new NewsdeskException("The scorer '" + source + "' was fitted on other features than this version of"
                    + " newsdesk computes; fit it again with 'newsdesk fit'.");
        }
        return this;
    }
}
