package dev.newsdesk.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.ingest.SentenceSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader's training examples, on a small SQuAD-layout file written for this test. */
class TrainingDataTest {

    private static final String TIDES = "The Orrin estuary floods twice a year. Engineers from Calloway built a barrier"
            + " there in 1987. The barrier closes when the tide rises above four metres.";
    private static final String FISH = "Fishing boats in the Orrin estuary land mostly herring. The catch fell by half"
            + " after the barrier was built, according to the Calloway fishing board.";
    private static final String MOUNTAIN = "Mount Tesk rises above the village of Brell. Climbers from Norvik first reached"
            + " its summit in 1931.";

    private static Path squad;
    private static final TrainingData DATA = new TrainingData(ReaderTokenizer.bundled(), new SentenceSplitter());

    @BeforeAll
    static void writeFile() throws IOException {
        squad = TestEngines.tempDir("newsdesk-squad").resolve("tiny.json");
        Files.writeString(squad, """
                {"version": "v2.0", "data": [
                  {"title": "Orrin", "paragraphs": [
                    {"context": %s, "qas": [
                      {"id": "q1", "question": "When did Engineers from Calloway build the barrier?",
                       "answers": [{"text": "1987", "answer_start": %d}]},
                      {"id": "q2", "question": "What height of tide closes the barrier?",
                       "answers": [{"text": "four metres", "answer_start": %d}]}]},
                    {"context": %s, "qas": [
                      {"id": "q3", "question": "What do fishing boats in the Orrin estuary land?",
                       "answers": [{"text": "herring", "answer_start": %d}]},
                      {"id": "q4", "question": "Who owns the fishing boats?", "answers": [], "is_impossible": true}]}]},
                  {"title": "Tesk", "paragraphs": [
                    {"context": %s, "qas": [
                      {"id": "q5", "question": "When did climbers from Norvik reach the summit?",
                       "answers": [{"text": "1931", "answer_start": %d}]}]}]}]}
                """.formatted(json(TIDES), TIDES.indexOf("1987"), TIDES.indexOf("four metres"), json(FISH),
                FISH.indexOf("herring"), json(MOUNTAIN), MOUNTAIN.indexOf("1931")));
    }

    private static String json(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    @Test
    void each_answer_is_labelled_with_exactly_its_tokens() {
        TrainingExamples examples = DATA.make(squad, TrainingData.Shares.NONE, 1);
        String[] contexts = {TIDES, FISH, MOUNTAIN};

        List<String> answers = new ArrayList<>();
        for (int e = 0; e < examples.count(); e++) {
            if (examples.kind(e) == TrainingData.POSITIVE) {
                int c = examples.context(e);
                int[] span = examples.answer(e);
                answers.add(contexts[c].substring(examples.tokenPlace(c, span[0])[0], examples.tokenPlace(c, span[1])[1]));
            }
        }

        assertThat(answers).containsExactly("1987", "four metres", "herring", "1931");
    }

    @Test
    void a_question_marked_impossible_gives_an_example_without_an_answer() {
        TrainingExamples examples = DATA.make(squad, TrainingData.Shares.NONE, 1);

        assertThat(examples.count()).isEqualTo(5);
        assertThat(examples.kind(3)).isEqualTo(TrainingData.IMPOSSIBLE);
        assertThat(examples.answer(3)).containsExactly(-1, -1);
    }

    @Test
    void the_answers_sentence_removed_leaves_the_rest_of_the_paragraph() {
        TrainingExamples examples = DATA.make(squad, new TrainingData.Shares(0, 1, 0), 1);

        int removed = indexOfKind(examples, TrainingData.SENTENCE_REMOVED, 0);
        int[] cut = examples.cut(removed);
        String gone = TIDES.substring(examples.tokenPlace(0, cut[0])[0], examples.tokenPlace(0, cut[1])[1]);
        assertThat(gone).isEqualTo("Engineers from Calloway built a barrier there in 1987.");
        assertThat(examples.answer(removed)).containsExactly(-1, -1);
    }

    @Test
    void the_other_paragraph_is_one_of_the_same_article_without_the_answer() {
        TrainingExamples examples = DATA.make(squad, new TrainingData.Shares(1, 0, 0), 1);

        int other = indexOfKind(examples, TrainingData.OTHER_PARAGRAPH, 0);
        assertThat(examples.context(other)).isEqualTo(1);
        // The mountain article is the only one with a single paragraph: its question gets no such negative.
        assertThat(examples.count()).isEqualTo(5 + 3);
    }

    @Test
    void a_swapped_question_names_something_of_another_article_in_place_of_its_own() {
        TrainingExamples examples = DATA.make(squad, new TrainingData.Shares(0, 0, 1), 1);
        ReaderTokenizer tokenizer = ReaderTokenizer.bundled();

        int swapped = indexOfKind(examples, TrainingData.SWAPPED, 0);
        int[] question = examples.question(swapped);
        assertThat(question).isNotEqualTo(examples.question(swapped - 1));
        // Names inside the mountain article's sentences: the only other article.
        assertThat(List.of("tesk", "brell", "norvik")).anySatisfy(name ->
                assertThat(question).containsSequence(tokenizer.tokenize(name).ids()));
        assertThat(examples.answer(swapped)).containsExactly(-1, -1);
    }

    @Test
    void the_same_file_and_seed_give_the_same_examples() throws IOException {
        Path a = squad.resolveSibling("a.npz");
        Path b = squad.resolveSibling("b.npz");
        TrainingData.Shares shares = new TrainingData.Shares(0.3, 0.3, 0.3);

        DATA.write(squad, a, shares, 7);
        DATA.write(squad, b, shares, 7);

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).startsWith(0x50, 0x4B);
    }

    private static int indexOfKind(TrainingExamples examples, int kind, int nth) {
        int seen = 0;
        for (int e = 0; e < examples.count(); e++) {
            if (examples.kind(e) == kind && seen++ == nth) {
                return e;
            }
        }
        throw new AssertionError("no example of kind " + kind);
    }
}
