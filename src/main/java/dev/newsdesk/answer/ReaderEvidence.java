package dev.newsdesk.answer;

import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.read.Passage;
import dev.newsdesk.read.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the reader found in the best retrieved chunks, sentence by sentence: for every sentence it read,
 * the best span starting there and by how much that span beats the reader's "no answer here" (its
 * margin). Only the first {@code passages} chunks in retrieval order are read, each once: reading is
 * the costly step of answering, so it is bounded (NEWSDESK_READER_PASSAGES).
 */
final class ReaderEvidence {

    /** Names of the features this adds to each sentence ({@link SentenceFeatures}) and to a question ({@link AnswerFeatures}). */
    static final List<String> SENTENCE_FEATURES = List.of("reader_read", "reader_margin", "reader_best");
    static final List<String> ANSWER_FEATURES = List.of("reader_margin_best", "reader_top_agrees");

    /** The best span found in one sentence: its place in the file and its margin over "no answer". */
    record Found(Passage.Place place, double margin) {
    }

    /** Every sentence the reader read, with its best span (or, where it offered none, its floor). */
    private final Map<Sentence, Found> bySentence;
    private final Found best;

    private ReaderEvidence(Map<Sentence, Found> bySentence, Found best) {
        this.bySentence = bySentence;
        this.best = best;
    }

    /**
     * Reads the first {@code passages} chunks of {@code chunks} that hold a sentence not read yet (chunks
     * overlap, so a sentence at a chunk's edge may be read twice, in two contexts).
     */
    static ReaderEvidence read(Reader reader, String question, List<StoredChunk> chunks, int passages) {
        List<Passage> chosen = new ArrayList<>();
        Set<Sentence> read = new HashSet<>();
        for (StoredChunk chunk : chunks) {
            if (chosen.size() == passages) {
                break;
            }
            if (!read.containsAll(chunk.sentences())) {
                chosen.add(Passage.of(chunk.sentences()));
                read.addAll(chunk.sentences());
            }
        }
        List<Reader.Reading> readings = reader.read(question, chosen.stream().map(Passage::text).toList());
        Map<Sentence, Found> bySentence = new HashMap<>();
        Map<Sentence, Double> floors = new HashMap<>();
        Found best = null;
        for (int p = 0; p < chosen.size(); p++) {
            Reader.Reading reading = readings.get(p);
            for (Reader.Span span : reading.spans()) {
                Optional<Passage.Place> place = chosen.get(p).place(span.start(), span.end());
                if (place.isEmpty()) {
                    continue;
                }
                Found found = new Found(place.get(), span.score() - reading.noAnswer());
                bySentence.merge(place.get().sentence(), found, (a, b) -> a.margin() >= b.margin() ? a : b);
                if (best == null || found.margin() > best.margin()) {
                    best = found;
                }
            }
            // A sentence the reader saw but offered no span in scores as the weakest span it did offer there.
            double floor = reading.spans().isEmpty() ? -reading.noAnswer()
                    : reading.spans().get(reading.spans().size() - 1).score() - reading.noAnswer();
            for (Sentence s : chosen.get(p).sentences()) {
                floors.merge(s, floor, Math::max);
            }
        }
        // Only after every passage: a span found in one reading of a sentence beats no span in another.
        floors.forEach((s, floor) -> bySentence.putIfAbsent(s, new Found(null, floor)));
        return new ReaderEvidence(bySentence, best);
    }

    /** The reader's features of {@code sentence}, in the order of {@link #SENTENCE_FEATURES}. */
    double[] features(Sentence sentence) {
        Found found = bySentence.get(sentence);
        if (found == null) {
            return new double[] {0, 0, 0};
        }
        return new double[] {1, found.margin(), best != null && best.place().sentence().equals(sentence) ? 1 : 0};
    }

    /** The question's reader features, given its best-ranked sentence, in the order of {@link #ANSWER_FEATURES}. */
    double[] answerFeatures(Sentence top) {
        double margin = best == null ? bySentence.values().stream().mapToDouble(Found::margin).max().orElse(0) : best.margin();
        boolean agrees = best != null && best.place().sentence().equals(top);
        return new double[] {margin, agrees ? 1 : 0};
    }

    /**
     * The short answer the reader offers inside {@code sentence}: its best span there, when the reader
     * would rather give it than say the passage holds no answer (margin above 0, its own decision rule)
     * and it is a phrase of at most {@code maxWords} words rather than most of the sentence again.
     */
    Optional<Passage.Place> answerIn(Sentence sentence, int maxWords) {
        Found found = bySentence.get(sentence);
        if (found == null || found.place() == null || found.margin() <= 0) {
            return Optional.empty();
        }
        String span = sentence.text().substring(found.place().start() - sentence.start(), found.place().end() - sentence.start());
        return span.strip().split("\\s+").length > maxWords ? Optional.empty() : Optional.of(found.place());
    }
}
