package dev.newsdesk.retrieve;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.ingest.Names;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a follow-up into a standalone question, offline, from the conversation in the query's chat
 * memory: "Where did he say it?" after "Who is NATO's Secretary General?" (answered "Jens Stoltenberg
 * …") becomes "Where did Jens Stoltenberg say it?". Personal pronouns are replaced by the person the
 * last turn named. A second query adds the last question as context for whatever the pronouns left
 * open; both are retrieved and fused, and the first is the one answers are scored against. The memory
 * holds earlier standalone questions, so chains of follow-ups keep their subject.
 */
public final class FollowUpQueryTransformer implements QueryTransformer {

    private static final Pattern PERSONAL = Pattern.compile("\\b(he|she|him)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern POSSESSIVE = Pattern.compile("\\b(his|her)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(he|she|him|his|her|they|them|their|it|its|this|that|these|those|there|then)\\b|^(and|also|what about|how about)\\b",
            Pattern.CASE_INSENSITIVE);

    @Override
    public Collection<Query> transform(Query query) {
        String question = query.text().strip();
        List<ChatMessage> memory = query.metadata() == null ? null : query.metadata().chatMemory();
        if (memory == null || memory.isEmpty() || !REFERENCE.matcher(question).find()) {
            return List.of(Query.from(question, query.metadata()));
        }
        String lastQuestion = lastText(memory, UserMessage.class);
        String lastAnswer = lastText(memory, AiMessage.class);
        String person = subject(lastQuestion, lastAnswer);
        String resolved = question;
        if (person != null) {
            resolved = POSSESSIVE.matcher(resolved).replaceAll(person + "'s");
            resolved = PERSONAL.matcher(resolved).replaceAll(person);
        }
        Query standalone = Query.from(resolved, query.metadata());
        return lastQuestion == null ? List.of(standalone)
                : List.of(standalone, Query.from(resolved + " " + lastQuestion, query.metadata()));
    }

    /** The person a pronoun most likely means: named in the last question, else first named in its answer. */
    private static String subject(String lastQuestion, String lastAnswer) {
        List<String> asked = lastQuestion == null ? List.of() : Names.people(lastQuestion);
        if (!asked.isEmpty()) {
            return asked.get(0);
        }
        List<String> answered = lastAnswer == null ? List.of() : Names.people(lastAnswer);
        return answered.isEmpty() ? null : answered.get(0);
    }

    private static String lastText(List<ChatMessage> memory, Class<? extends ChatMessage> type) {
        for (int i = memory.size() - 1; i >= 0; i--) {
            ChatMessage message = memory.get(i);
            if (message instanceof UserMessage user && type == UserMessage.class) {
                return user.singleText();
            }
            if (message instanceof AiMessage ai && type == AiMessage.class) {
                return ai.text();
            }
        }
        return null;
    }
}
