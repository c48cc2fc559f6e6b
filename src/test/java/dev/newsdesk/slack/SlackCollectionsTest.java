package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.TwoCollections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each Slack channel answers from the collections the access file grants it (direct messages from theirs),
 * only when mentioned unless the file says otherwise, and greets a channel once when the bot is added.
 */
class SlackCollectionsTest {

    private static final String DESK = "C0INVEST";
    private static final String OPEN = "C0OPEN";
    private static final String LOBBY = "C0LOBBY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TwoCollections archive;
    private static SlackHarness harness;

    @BeforeAll
    static void start() throws Exception {
        archive = new TwoCollections(Map.of());
        Files.writeString(archive.accessFile, """
                everyone: [default]
                slack:
                  channels:
                    C0INVEST: [investigations]
                    C0OPEN: {collections: [default], mention_only: false}
                  direct_messages: [default]
                """);
        harness = new SlackHarness(archive.env(Map.of()), false, archive.engine);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        archive.close();
    }

    /** Mentions the bot with {@code question} in {@code channel}; returns the answer it posted there. */
    private static String askIn(String channel, String question) throws Exception {
        String ts = SlackHarness.ts();
        harness.postEvent(SlackHarness.envelope("Ev" + ts, SlackHarness.mention(channel, question, ts, null)));
        return harness.slack.awaitDelivered("chat.postMessage", 1, c -> ts.equals(c.field("thread_ts")))
                .get(0).toString();
    }

    @Test
    void a_channel_scoped_to_a_collection_answers_from_it_and_others_know_nothing_of_it() throws Exception {
        String question = TwoCollections.memoQuestions().get(0);

        String inDesk = askIn(DESK, question);
        String inLobby = askIn(LOBBY, question);

        assertThat(inDesk).contains("Zoltan Brack", "dredging-memo.md");
        assertThat(inLobby).doesNotContain("Zoltan", "Brack", "Korvath", "dredging-memo", TwoCollections.MEMO_OUTLET);
    }

    @Test
    void a_channel_scoped_to_one_collection_does_not_answer_from_another() throws Exception {
        String inDesk = askIn(DESK, "Who is the harbour master?");

        assertThat(inDesk).doesNotContain("Tomas Reyes", "ferry.md");
    }

    @Test
    void a_channel_set_to_answer_every_question_answers_without_a_mention_and_others_wait_for_one() throws Exception {
        String open = SlackHarness.ts();
        String lobby = SlackHarness.ts();

        harness.postEvent(SlackHarness.envelope("Ev" + lobby, SlackHarness.message("channel", LOBBY, "Who is the harbour master?", lobby)));
        harness.postEvent(SlackHarness.envelope("Ev" + open, SlackHarness.message("channel", OPEN, "Who is the harbour master?", open)));

        assertThat(harness.slack.awaitDelivered("chat.postMessage", 1, c -> open.equals(c.field("thread_ts"))).get(0)
                .toString()).contains("Tomas Reyes");
        assertThat(harness.slack.delivered("chat.postMessage")).noneMatch(c -> lobby.equals(c.field("thread_ts")));
    }

    @Test
    void a_channel_set_to_answer_every_question_answers_one_that_mentions_someone_else() throws Exception {
        String ts = SlackHarness.ts();

        harness.postEvent(SlackHarness.envelope("Ev" + ts, SlackHarness.message("channel", OPEN,
                "Who is the harbour master? cc <@UCOLLEAGUE>", ts)));

        assertThat(harness.slack.awaitDelivered("chat.postMessage", 1, c -> ts.equals(c.field("thread_ts")))).hasSize(1);
    }

    @Test
    void the_bot_greets_a_channel_once_with_what_it_answers_from_there_and_checked_examples() throws Exception {
        String channel = "C0NEWDESK";
        Files.writeString(archive.accessFile, Files.readString(archive.accessFile)
                .replace("    C0INVEST: [investigations]", "    C0INVEST: [investigations]\n    C0NEWDESK: [investigations]"));
        ObjectNode joined = JSON.createObjectNode();
        joined.put("type", "member_joined_channel");
        joined.put("user", FakeSlack.BOT_USER_ID);
        joined.put("channel", channel);

        harness.postEvent(SlackHarness.envelope("EvJoin1", joined));
        harness.postEvent(SlackHarness.envelope("EvJoin2", joined.deepCopy()));
        List<FakeSlack.Call> greetings = harness.slack.awaitDelivered("chat.postMessage", 1,
                c -> channel.equals(c.field("channel")));
        Thread.sleep(500); // a second greeting, were there one, would be on its way by now

        assertThat(harness.slack.delivered("chat.postMessage")).filteredOn(c -> channel.equals(c.field("channel"))).hasSize(1);
        String greeting = greetings.get(0).field("text");
        assertThat(greeting).contains("1 article", "investigations", TwoCollections.MEMO_OUTLET, "Mention me");
        assertThat(greeting).containsAnyOf("Zoltan Brack", "Korvath Marine", "Brack");
    }

    @Test
    void a_greeting_in_a_channel_of_the_default_collection_names_nothing_of_another() throws Exception {
        ObjectNode joined = JSON.createObjectNode();
        joined.put("type", "member_joined_channel");
        joined.put("user", FakeSlack.BOT_USER_ID);
        joined.put("channel", "C0TOWN");

        harness.postEvent(SlackHarness.envelope("EvJoinTown", joined));
        String greeting = harness.slack.awaitDelivered("chat.postMessage", 1, c -> "C0TOWN".equals(c.field("channel")))
                .get(0).field("text");

        assertThat(greeting).contains("2 articles", "default");
        assertThat(greeting).doesNotContain("Zoltan", "Brack", "Korvath", "investigations", TwoCollections.MEMO_OUTLET);
    }

    @Test
    void someone_else_joining_is_not_greeted() throws Exception {
        ObjectNode joined = JSON.createObjectNode();
        joined.put("type", "member_joined_channel");
        joined.put("user", "USOMEONE");
        joined.put("channel", "C0QUIET");

        harness.postEvent(SlackHarness.envelope("EvJoinSomeone", joined));
        Thread.sleep(500);

        assertThat(harness.slack.calls("chat.postMessage")).noneMatch(c -> "C0QUIET".equals(c.field("channel")));
    }

    @Test
    void ask_in_a_channel_answers_from_that_channels_collections() throws Exception {
        String question = TwoCollections.memoQuestions().get(0);

        harness.postForm("/slack/commands", Map.of("command", "/ask", "text", question, "channel_id", DESK,
                "user_id", "UASKER", "response_url", harness.responseUrl("desk")));
        harness.postForm("/slack/commands", Map.of("command", "/ask", "text", question, "channel_id", LOBBY,
                "user_id", "UASKER", "response_url", harness.responseUrl("lobby")));

        assertThat(harness.slack.awaitDelivered("response", 1, c -> c.path().endsWith("/desk")).get(0).toString())
                .contains("Zoltan Brack");
        assertThat(harness.slack.awaitDelivered("response", 1, c -> c.path().endsWith("/lobby")).get(0).toString())
                .doesNotContain("Zoltan", "Korvath");
    }

    @Test
    void the_greeted_channels_are_kept_so_a_restart_does_not_greet_again_and_a_failed_greeting_is_tried_again() throws Exception {
        Path file = dev.newsdesk.TestEngines.tempDir("greeted").resolve("greeted.txt");
        Greetings first = new Greetings(file, null, null);

        assertThat(first.claim("C0ONCE")).isTrue();
        assertThat(first.claim("C0ONCE")).as("being greeted").isFalse();
        first.greeted("C0ONCE");
        assertThat(first.claim("C0FAILED")).isTrue();
        first.failed("C0FAILED");
        Greetings again = new Greetings(file, null, null);

        assertThat(again.claim("C0ONCE")).isFalse();
        assertThat(again.claim("C0FAILED")).as("a greeting that failed is tried again").isTrue();
    }
}
