package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.read.OnnxReader;
import dev.newsdesk.read.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the real reader finds in retrieved chunks, sentence by sentence, on chunks written for the test. */
class ReaderEvidenceTest {

    private static final String FILE = "Harbour news\n\nThe Vellmark ferry company ordered a new boat in March."
            + " The boat, the Saltwing, will carry 340 passengers. It was built at a yard in Tarsel."
            + " The old ferry will be sold.";

    private final Reader reader = OnnxReader.bundled(192, 64);

    private static Sentence sentence(String text) {
        int start = FILE.indexOf(text);
        return new Sentence("harbour.txt", start, start + text.length(), text);
    }

    private static StoredChunk chunk(int ordinal, Sentence... sentences) {
        List<float[]> vectors = new ArrayList<>();
        List<Set<String>> terms = new ArrayList<>();
        for (Sentence ignored : sentences) {
            vectors.add(new float[384]);
            terms.add(Set.of());
        }
        return new StoredChunk("harbour.txt#" + ordinal, "harbour.txt", "Harbour news", List.of(sentences), vectors, terms);
    }

    private final Sentence ordered = sentence("The Vellmark ferry company ordered a new boat in March.");
    private final Sentence carries = sentence("The boat, the Saltwing, will carry 340 passengers.");
    private final Sentence built = sentence("It was built at a yard in Tarsel.");
    private final Sentence sold = sentence("The old ferry will be sold.");
    private final List<StoredChunk> chunks = List.of(chunk(0, ordered, carries), chunk(1, carries, built), chunk(2, sold));

    @Test
    void the_sentence_holding_the_best_span_is_marked_and_gives_the_short_answer_in_the_files_characters() {
        ReaderEvidence evidence = ReaderEvidence.read(reader, "How many passengers will the Saltwing carry?", chunks, 3);

        double[] features = evidence.features(carries);
        assertThat(features[0]).as("read").isEqualTo(1);
        assertThat(features[1]).as("margin").isPositive();
        assertThat(features[2]).as("best").isEqualTo(1);
        assertThat(evidence.features(ordered)[2]).isZero();
        var place = evidence.answerIn(carries, 10).orElseThrow();
        assertThat(FILE.substring(place.start(), place.end())).contains("340");
        assertThat(evidence.answerFeatures(carries)).containsExactly(features[1], 1.0);
    }

    @Test
    void a_span_longer_than_a_short_answer_is_not_offered_as_one() {
        ReaderEvidence evidence = ReaderEvidence.read(reader, "How many passengers will the Saltwing carry?", chunks, 3);

        var place = evidence.answerIn(carries, 10).orElseThrow();
        int words = FILE.substring(place.start(), place.end()).split(" ").length;

        assertThat(evidence.answerIn(carries, words)).isPresent();
        assertThat(evidence.answerIn(carries, words - 1)).isEmpty();
    }

    @Test
    void reads_no_more_chunks_than_it_is_allowed() {
        ReaderEvidence evidence = ReaderEvidence.read(reader, "What will happen to the old ferry?", chunks, 2);

        assertThat(evidence.features(built)[0]).isEqualTo(1);
        assertThat(evidence.features(sold)).containsExactly(0, 0, 0);
        assertThat(evidence.answerIn(sold, 10)).isEmpty();
    }

    @Test
    void offers_no_short_answer_where_it_would_rather_say_there_is_none() {
        ReaderEvidence evidence = ReaderEvidence.read(reader, "Who is the mayor of Tarsel?", chunks, 3);

        assertThat(evidence.answerFeatures(built)[0]).isNegative();
        assertThat(List.of(ordered, carries, built, sold)).allSatisfy(s -> assertThat(evidence.answerIn(s, 10)).isEmpty());
    }
}
