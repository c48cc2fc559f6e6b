package dev.newsdesk.retrieve;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.language.Names;
import dev.newsdesk.language.ClosedClassWords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a follow-up into a standalone question, offline, from the conversation in the query's chat
 * memory, and only where the question needs it. A person pronoun with no one named before it in the
 * question ("Where did he speak?") is replaced by the person the last turn was about; one the question
 * itself explains ("What did Ada Lovelace say about her notes?") is left alone. A question pointing at
 * an earlier thing ("How far can it travel?") keeps its words and gets the topic of the last question
 * that had one appended as context. A second query adds the whole last standalone question; both are
 * retrieved and fused, and the first is the one answers are scored against.
 *
 * <p>The memory holds what the user typed as each {@link UserMessage}'s text and the standalone form
 * retrieval used as its {@link #STANDALONE} attribute: people and topics are looked for in what was
 * typed first, so a poor rewrite is never taken for something the user said.
 */
public final class FollowUpQueryTransformer implements QueryTransformer {

    /** The attribute of a remembered {@link UserMessage} holding the standalone question retrieval used. */
    public static final String STANDALONE = "standalone";

    private static final ClosedClassWords WORDS = ClosedClassWords.load();
    /** The pronouns that stand for a person, and their possessives: replaced by the person meant. */
    private static final Pattern PERSONAL = wordsOf("person");
    private static final Pattern POSSESSIVE = wordsOf("person-possessive");

    private static Pattern wordsOf(String wordClass) {
        return Pattern.compile("\\b(" + String.join("|", new TreeSet<>(WORDS.of(wordClass))) + ")\\b",
                Pattern.CASE_INSENSITIVE);
    }

    @Override
    public Collection<Query> transform(Query query) {
        String question = query.text().strip();
        Metadata metadata = query.metadata();
        List<ChatMessage> memory = metadata == null ? null : metadata.chatMemory();
        QuestionShape shape = QuestionShape.of(question);
        UserMessage last = memory == null ? null : last(memory, UserMessage.class);
        if (last == null || !shape.refersBack()) {
            return List.of(Query.from(question, metadata));
        }
        String standalone = question;
        if (shape.needsPerson()) {
            standalone = withPerson(question, person(last, last(memory, AiMessage.class)));
        } else if (shape.needsTopic()) {
            standalone = withTopic(question, shape, memory);
        }
        return List.of(Query.from(standalone, metadata), Query.from(standalone + " " + standalone(last), metadata));
    }

    /** Whether {@code question} leans on an earlier turn, so that it cannot be answered as well on its own. */
    public static boolean refersBack(String question) {
        return QuestionShape.of(question).refersBack();
    }

    /** The standalone form a remembered question was retrieved with, or its text when it had none. */
    public static String standalone(UserMessage remembered) {
        Object standalone = remembered.attributes().get(STANDALONE);
        return standalone instanceof String s ? s : remembered.singleText();
    }

    private static String withPerson(String question, String person) {
        if (person == null) {
            return question; // nothing better than what was typed
        }
        String resolved = POSSESSIVE.matcher(question).replaceAll(Matcher.quoteReplacement(person + "'s"));
        return PERSONAL.matcher(resolved).replaceAll(Matcher.quoteReplacement(person));
    }

    /**
     * The person a pronoun most likely means: one named in the last question as typed, else in the
     * standalone form it was retrieved with, else the one its answer names that the question named
     * in part ("Lovelace" → "Ada Lovelace"), else the first its answer names.
     */
    private static String person(UserMessage lastQuestion, AiMessage lastAnswer) {
        String typed = lastQuestion.singleText();
        List<String> asked = new ArrayList<>(Names.people(typed));
        asked.addAll(Names.people(standalone(lastQuestion)));
        if (!asked.isEmpty()) {
            return asked.get(0);
        }
        List<String> answered = lastAnswer == null ? List.of() : Names.people(lastAnswer.text());
        QuestionShape askedShape = QuestionShape.of(typed);
        return answered.stream()
                .filter(name -> Arrays.stream(name.split(" ")).anyMatch(askedShape::has))
                .findFirst().orElse(answered.isEmpty() ? null : answered.get(0));
    }

    /** The question with the latest earlier topic it does not already name appended in brackets, as context. */
    private static String withTopic(String question, QuestionShape shape, List<ChatMessage> memory) {
        for (int i = memory.size() - 1; i >= 0; i--) {
            if (memory.get(i) instanceof UserMessage earlier) {
                List<String> topic = QuestionShape.of(earlier.singleText()).topic();
                if (!topic.isEmpty()) {
                    List<String> missing = topic.stream().filter(word -> !shape.has(word)).toList();
                    return missing.isEmpty() ? question : question + " (" + String.join(" ", missing) + ")";
                }
            }
        }
        return question;
    }

    private static <T extends ChatMessage> T last(List<ChatMessage> memory, Class<T> type) {
        for (int i = memory.size() - 1; i >= 0; i--) {
            if (type.isInstance(memory.get(i))) {
                return type.cast(memory.get(i));
            }
        }
        return null;
    }
}
