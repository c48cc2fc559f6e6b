package dev.newsdesk.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversation memory, bounded in count and idle time so it cannot grow without limit. Each
 * conversation keeps its last few turns as LangChain4j chat messages: the standalone question and
 * the answer text.
 */
public final class Conversations {

    private static final int MAX_MESSAGES = 10;

    private final Cache<String, List<ChatMessage>> cache;

    public Conversations(int maxConversations, Duration idle) {
        this.cache = Caffeine.newBuilder().maximumSize(maxConversations).expireAfterAccess(idle).build();
    }

    public List<ChatMessage> history(String id) {
        List<ChatMessage> messages = cache.getIfPresent(id);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public void append(String id, String question, String answer) {
        List<ChatMessage> messages = cache.get(id, k -> new ArrayList<>());
        synchronized (messages) {
            messages.add(UserMessage.from(question));
            messages.add(AiMessage.from(answer));
            while (messages.size() > MAX_MESSAGES) {
                messages.remove(0);
            }
        }
    }
}
