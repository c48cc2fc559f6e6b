package dev.newsdesk.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.newsdesk.retrieve.FollowUpQueryTransformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Conversation memory, bounded in count and idle time so it cannot grow without limit, and written
 * through to a {@link ConversationStore} so that a conversation goes on after a restart or in the next
 * {@code ask} process. Reads come from memory; the store is read only on a miss. Each conversation
 * keeps its last few turns: what the user typed, the standalone form retrieval used, and the answer.
 */
public final class Conversations implements AutoCloseable {

    /** What a conversation id may be; ids name files, so nothing else is ever accepted. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    /** Slack threads' conversations: "slack-&lt;channel&gt;-&lt;thread ts&gt;", which anyone could guess. */
    public static final String SLACK = "slack-";

    /**
     * {@code id} as the web API may use it: an id of a Slack thread's conversation is refused there, since
     * those ids can be guessed and a web client must not read or add to a Slack thread's turns.
     */
    public static String fromWeb(String id) {
        if (id != null && id.startsWith(SLACK)) {
            throw new InvalidQuestionException("Conversation ids beginning with '" + SLACK + "' belong to Slack threads;"
                    + " use the id an earlier answer gave you, or omit it to start a new conversation.");
        }
        return id;
    }

    /**
     * Where conversation {@code id} of {@code owner} is kept: a digest of both, so that the same id is
     * another conversation for anyone else, and the stored name says nothing of the person.
     */
    public static String owned(String owner, String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((owner + "\n" + id).getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static final int MAX_TURNS = 5;

    /** One question and its answer; {@code standalone} is the question as retrieval understood it. */
    public record Turn(String question, String standalone, String answer) {
    }

    private final Cache<String, List<Turn>> cache;
    private final ConversationStore store;

    public Conversations(Path folder, int maxConversations, Duration idle) {
        this.cache = Caffeine.newBuilder().maximumSize(maxConversations).expireAfterAccess(idle).build();
        this.store = new ConversationStore(folder, maxConversations, idle);
    }

    /** The turns of conversation {@code id}, oldest first; empty when it is unknown here or has expired. */
    public List<Turn> turns(String id) {
        List<Turn> turns = cache.get(id, this::load);
        synchronized (turns) {
            return List.copyOf(turns);
        }
    }

    public void append(String id, Turn turn) {
        List<Turn> turns = cache.get(id, this::load);
        // Saving under the lock keeps the file's turns in the order they were asked.
        synchronized (turns) {
            turns.add(turn);
            while (turns.size() > MAX_TURNS) {
                turns.remove(0);
            }
            store.save(id, List.copyOf(turns));
        }
    }

    /**
     * The turns as LangChain4j chat memory: each question as typed, with the standalone form it was
     * retrieved with as its {@link FollowUpQueryTransformer#STANDALONE} attribute, then its answer.
     */
    public static List<ChatMessage> messages(List<Turn> turns) {
        List<ChatMessage> messages = new ArrayList<>();
        for (Turn turn : turns) {
            messages.add(UserMessage.builder().addContent(new TextContent(turn.question()))
                    .attributes(Map.of(FollowUpQueryTransformer.STANDALONE, turn.standalone())).build());
            messages.add(AiMessage.from(turn.answer()));
        }
        return messages;
    }

    /** Writes the conversations still waiting for the disk. */
    @Override
    public void close() {
        store.close();
    }

    private List<Turn> load(String id) {
        return new ArrayList<>(store.load(id));
    }
}
