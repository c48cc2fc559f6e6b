package dev.newsdesk.answer;

import dev.newsdesk.language.QuestionWords;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A question as the answerer reads it. Readers often set the scene before they ask ("The council
 * voted on Tuesday to close the depot. Which town will lose its buses?"): the scene says what the
 * story is about, the last sentence what is wanted, so both are kept. Request wrappers ("Please tell
 * me", "Can you tell me") say nothing about either and are dropped from the ask.
 */
record Question(String text, String ask, AnswerType type) {

    /** Sentence ends inside a question: a full stop, question or exclamation mark followed by a space. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+(?=\\p{Lu}|\\p{N}|[\"“])");
    private static final Pattern ASKS = Pattern.compile("\\?\\s*$");

    static Question of(String text, QuestionWords words) {
        String ask = words.unwrap(lastSentence(text));
        return new Question(text, ask, AnswerType.of(ask));
    }

    /** True when the ask is only part of the question, so it says something the whole does not. */
    boolean hasScene() {
        return !ask.equals(text.strip());
    }

    private static String lastSentence(String text) {
        List<String> sentences = List.of(SENTENCE_END.split(text.strip()));
        // The ask is the last sentence with a question mark, or the last sentence when none has one.
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (ASKS.matcher(sentences.get(i)).find()) {
                return sentences.get(i).strip();
            }
        }
        return sentences.get(sentences.size() - 1).strip();
    }
}
