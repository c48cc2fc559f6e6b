package dev.newsdesk.slack;

import static dev.newsdesk.slack.SlackHarness.directMessage;
import static dev.newsdesk.slack.SlackHarness.envelope;
import static dev.newsdesk.slack.SlackHarness.mention;
import static dev.newsdesk.slack.SlackHarness.ts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.slack.FakeSlack.Call;
import dev.newsdesk.slack.FakeSlack.Reply;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackEventsTest {

    private static final String POST = "chat.postMessage";

    private SlackHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new SlackHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void a_request_with_a_wrong_signature_is_refused_with_401() throws Exception {
        String body = envelope("Ev-bad", mention("C1", "what is ATACMS?", ts(), null));
        String forged = SlackHarness.sign("not-the-secret", SlackHarness.now(), body);

        HttpResponse<String> response = harness.send("/slack/events", "application/json", body,
                String.valueOf(SlackHarness.now()), forged, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(harness.slack.calls(POST)).isEmpty();
    }

    @Test
    void a_tampered_body_is_refused_with_401() throws Exception {
        long now = SlackHarness.now();
        String signed = envelope("Ev-tamper", mention("C1", "what is ATACMS?", ts(), null));
        String sent = signed.replace("ATACMS", "anything");

        HttpResponse<String> response = harness.send("/slack/events", "application/json", sent,
                String.valueOf(now), SlackHarness.sign(SlackHarness.SECRET, now, signed), Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void a_correctly_signed_but_stale_request_is_refused_with_401() throws Exception {
        String body = envelope("Ev-stale", mention("C1", "what is ATACMS?", ts(), null));

        HttpResponse<String> old = harness.post("/slack/events", "application/json", body,
                SlackHarness.now() - 6 * 60, Map.of());
        HttpResponse<String> future = harness.post("/slack/events", "application/json", body,
                SlackHarness.now() + 6 * 60, Map.of());

        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(future.statusCode()).isEqualTo(401);
    }

    @Test
    void url_verification_echoes_the_challenge() throws Exception {
        HttpResponse<String> response = harness.postEvent(
                "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void a_mention_is_answered_in_its_own_thread_with_cited_sources_and_feedback_buttons() throws Exception {
        String ts = ts();

        HttpResponse<String> ack = harness.postEvent(envelope("Ev-mention", mention("C1", "what is ATACMS?", ts, null)));

        assertThat(ack.statusCode()).isEqualTo(200);
        Call post = harness.slack.awaitDelivered(POST, 1).get(0);
        assertThat(post.field("channel")).isEqualTo("C1");
        assertThat(post.field("thread_ts")).isEqualTo(ts);
        assertThat(post.field("text")).contains("Tactical Missile System").contains("[1]");
        assertThat(post.blocks().toString()).contains("001_8c75088e5995e160.txt")
                .contains(BlockKitRenderer.VOTE_UP).contains(BlockKitRenderer.VOTE_DOWN);
    }

    @Test
    void a_mention_inside_a_thread_is_answered_in_that_thread_under_its_root() throws Exception {
        String root = ts();

        harness.postEvent(envelope("Ev-in-thread", mention("C2", "what is ATACMS?", ts(), root)));

        Call post = harness.slack.awaitDelivered(POST, 1).get(0);
        assertThat(post.field("thread_ts")).isEqualTo(root);
    }

    @Test
    void a_retried_event_is_answered_exactly_once() throws Exception {
        String body = envelope("Ev-retried", mention("C3", "what is ATACMS?", ts(), null));

        harness.postEvent(body);
        for (int retry = 1; retry <= 3; retry++) {
            HttpResponse<String> ack = harness.postEvent(body, Map.of("X-Slack-Retry-Num", String.valueOf(retry),
                    "X-Slack-Retry-Reason", "http_timeout"));
            assertThat(ack.statusCode()).isEqualTo(200);
        }
        harness.slack.awaitDelivered(POST, 1);
        // A second answer would follow the first at once; the next question proves the queue has moved on.
        harness.postEvent(envelope("Ev-after-retries", mention("C3-next", "what is ATACMS?", ts(), null)));
        harness.slack.awaitDelivered(POST, 1, c -> c.field("channel").equals("C3-next"));

        assertThat(harness.slack.calls(POST)).filteredOn(c -> c.field("channel").equals("C3")).hasSize(1);
    }

    @Test
    void concurrent_deliveries_of_one_event_are_answered_exactly_once() throws Exception {
        String body = envelope("Ev-concurrent-twins", mention("C4", "what is ATACMS?", ts(), null));

        runConcurrently(8, i -> harness.postEvent(body, Map.of("X-Slack-Retry-Num", String.valueOf(i % 4))));
        harness.slack.awaitDelivered(POST, 1);
        harness.postEvent(envelope("Ev-after-twins", mention("C4-next", "what is ATACMS?", ts(), null)));
        harness.slack.awaitDelivered(POST, 1, c -> c.field("channel").equals("C4-next"));

        assertThat(harness.slack.calls(POST)).filteredOn(c -> c.field("channel").equals("C4")).hasSize(1);
    }

    @Test
    void a_direct_message_is_answered_in_the_direct_message() throws Exception {
        String ts = ts();

        harness.postEvent(envelope("Ev-dm", directMessage("D1", "what is ATACMS?", ts)));

        Call post = harness.slack.awaitDelivered(POST, 1).get(0);
        assertThat(post.field("channel")).isEqualTo("D1");
        assertThat(post.field("thread_ts")).isEqualTo(ts);
        assertThat(post.field("text")).contains("Tactical Missile System");
    }

    @Test
    void a_mention_without_a_question_gets_the_one_line_reason_in_its_thread() throws Exception {
        String ts = ts();

        harness.postEvent(envelope("Ev-empty", mention("C11", "  ", ts, null)));

        Call post = harness.slack.awaitDelivered(POST, 1).get(0);
        assertThat(post.field("thread_ts")).isEqualTo(ts);
        assertThat(post.field("text")).contains("The question is empty");
        assertThat(harness.counter("newsdesk.slack.answers", "outcome", "invalid")).isEqualTo(1);
    }

    @Test
    void a_question_the_articles_cannot_answer_is_said_plainly_without_sources() throws Exception {
        harness.postEvent(envelope("Ev-abstain", mention("C12", "Who won the 1998 World Cup?", ts(), null)));

        Call post = harness.slack.awaitDelivered(POST, 1).get(0);
        assertThat(post.field("text")).contains("cannot answer").doesNotContain("[1]");
        assertThat(harness.counter("newsdesk.slack.answers", "outcome", "abstained")).isEqualTo(1);
    }

    @Test
    void a_follow_up_in_a_thread_is_answered_in_the_context_of_the_thread() throws Exception {
        String first = "What did Blinken say about Ukraine?";
        String followUp = "What did he say about Russia?";
        String probe = "probe-" + UUID.randomUUID();
        TestEngines.shared().answers().ask(first, probe);
        Answer inContext = TestEngines.shared().answers().ask(followUp, probe);
        Answer alone = TestEngines.shared().answers().ask(followUp, null);
        assertThat(inContext.answer()).as("the seeds make context matter").isNotEqualTo(alone.answer());
        String root = ts();

        harness.postEvent(envelope("Ev-first", mention("C5", first, root, null)));
        harness.slack.awaitDelivered(POST, 1);
        harness.postEvent(envelope("Ev-follow-up", mention("C5", followUp, ts(), root)));

        Call answer = harness.slack.awaitDelivered(POST, 2).get(1);
        assertThat(answer.field("thread_ts")).isEqualTo(root);
        assertThat(answer.field("text")).startsWith(BlockKitRenderer.escape(inContext.answer()));
    }

    @Test
    void messages_from_bots_edits_and_the_twins_of_questions_are_ignored() throws Exception {
        ObjectNode fromBot = directMessage("D2", "what is ATACMS?", ts()).put("bot_id", "BNEWS");
        ObjectNode edit = directMessage("D2", "what is ATACMS?", ts()).put("subtype", "message_changed");
        ObjectNode twin = directMessage("C6", "<@" + FakeSlack.BOT_USER_ID + "> what is ATACMS?", ts())
                .put("channel_type", "channel");
        ObjectNode mentionInDirectMessage = mention("D2", "what is ATACMS?", ts(), null);

        harness.postEvent(envelope("Ev-bot", fromBot));
        harness.postEvent(envelope("Ev-edit", edit));
        harness.postEvent(envelope("Ev-twin", twin));
        harness.postEvent(envelope("Ev-dm-mention", mentionInDirectMessage));
        harness.postEvent(envelope("Ev-real", mention("C6", "what is ATACMS?", ts(), null)));

        harness.slack.awaitDelivered(POST, 1);
        assertThat(harness.slack.calls(POST)).hasSize(1);
    }

    @Test
    void an_error_from_slacks_api_is_retried_and_the_answer_arrives_once() throws Exception {
        harness.slack.script(POST, Reply.error("service_unavailable"));

        harness.postEvent(envelope("Ev-api-error", mention("C7", "what is ATACMS?", ts(), null)));

        harness.slack.awaitDelivered(POST, 1);
        assertThat(harness.slack.calls(POST)).hasSize(2);
        assertThat(harness.slack.delivered(POST)).hasSize(1);
    }

    @Test
    void refused_blocks_are_sent_again_as_text_alone() throws Exception {
        harness.slack.script(POST, Reply.error("invalid_blocks"));

        harness.postEvent(envelope("Ev-bad-blocks", mention("C8", "what is ATACMS?", ts(), null)));

        Call post = harness.slack.awaitDelivered(POST, 1).get(0);
        assertThat(post.field("blocks")).isNull();
        assertThat(post.field("text")).contains("Tactical Missile System");
        assertThat(harness.slack.delivered(POST)).hasSize(1);
    }

    @Test
    void a_rate_limit_is_waited_out_as_slack_says_and_the_answer_arrives_once() throws Exception {
        harness.slack.script(POST, Reply.rateLimited(1));

        harness.postEvent(envelope("Ev-429", mention("C9", "what is ATACMS?", ts(), null)));

        harness.slack.awaitDelivered(POST, 1);
        assertThat(harness.slack.calls(POST)).hasSize(2);
        assertThat(harness.slack.delivered(POST)).hasSize(1);
    }

    @Test
    void a_post_whose_response_is_lost_is_not_sent_again() throws Exception {
        harness.slack.script(POST, Reply.lostResponse());

        harness.postEvent(envelope("Ev-lost", mention("C10", "what is ATACMS?", ts(), null)));

        harness.awaitCounter("newsdesk.slack.delivery.failures", 1);
        assertThat(harness.slack.calls(POST)).hasSize(1);
        assertThat(harness.slack.delivered(POST)).isEmpty();
    }

    @Test
    void every_mention_is_answered_exactly_once_when_slack_closes_each_connection_after_its_response() throws Exception {
        harness.close();
        harness = new SlackHarness(Map.of(), true);
        awaitIdle();
        List<String> channels = List.of("C-close-1", "C-close-2", "C-close-3");

        for (String channel : channels) {
            harness.postEvent(envelope("Ev-" + channel, mention(channel, "what is ATACMS?", ts(), null)));
            harness.slack.awaitDelivered(POST, 1, c -> c.field("channel").equals(channel));
        }

        assertThat(harness.slack.calls(POST)).extracting(c -> c.field("channel")).containsExactlyElementsOf(channels);
        assertThat(harness.counter("newsdesk.slack.delivery.failures")).isZero();
    }

    @Test
    void when_the_queue_is_full_the_asker_is_told_once_and_slacks_retry_is_answered() throws Exception {
        harness.close();
        harness = new SlackHarness(Map.of("NEWSDESK_SLACK_WORKERS", "1", "NEWSDESK_SLACK_QUEUE_PER_WORKER", "1"));
        awaitIdle();
        harness.slack.hold("C-held");
        harness.postEvent(envelope("Ev-held", mention("C-held", "what is ATACMS?", ts(), null)));
        awaitLoad("busy", 1);
        harness.postEvent(envelope("Ev-queued", mention("C-queued", "what is ATACMS?", ts(), null)));
        awaitLoad("queued", 1);
        String refused = envelope("Ev-refused", mention("C-refused", "what is ATACMS?", ts(), null));

        assertThat(harness.postEvent(refused).statusCode()).isEqualTo(200);
        Call busy = harness.slack.awaitDelivered(POST, 1, c -> c.field("channel").equals("C-refused")).get(0);
        assertThat(busy.field("text")).isEqualTo(SlackAnswering.BUSY);
        harness.slack.release("C-held");
        harness.slack.awaitDelivered(POST, 1, c -> c.field("channel").equals("C-queued"));
        awaitIdle();
        harness.postEvent(refused, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        List<Call> replies = harness.slack.awaitDelivered(POST, 2, c -> c.field("channel").equals("C-refused"));
        assertThat(replies.get(1).field("text")).contains("Tactical Missile System");
        assertThat(harness.slack.calls(POST)).filteredOn(c -> c.field("channel").equals("C-refused")).hasSize(2);
    }

    /** Waits until the worker pool reports {@code what} ("busy" or "queued") at {@code count}. */
    private void awaitLoad(String what, int count) throws InterruptedException {
        long deadline = System.nanoTime() + FakeSlack.PATIENCE.toNanos();
        while (!Integer.valueOf(count).equals(harness.app.health().get(what))) {
            assertThat(System.nanoTime()).as(what + " never reached " + count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits until the bot knows its id and no worker is busy or queued. */
    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + FakeSlack.PATIENCE.toNanos();
        while (!FakeSlack.BOT_USER_ID.equals(harness.app.health().get("bot"))) {
            assertThat(System.nanoTime()).as("auth.test never answered").isLessThan(deadline);
            Thread.sleep(20);
        }
        awaitLoad("busy", 0);
        awaitLoad("queued", 0);
    }

    @Test
    void twenty_concurrent_mentions_get_twenty_answers() throws Exception {
        List<String> questions = List.of("what is ATACMS?", "What did Blinken say about Ukraine?",
                "what did Stoltenberg say?", "When did Blinken visit Kyiv?");

        runConcurrently(20, i -> harness.postEvent(envelope("Ev-many-" + i,
                mention("C-many-" + i, questions.get(i % questions.size()), ts(), null))));

        List<Call> posts = harness.slack.awaitDelivered(POST, 20);
        assertThat(posts).extracting(c -> c.field("channel")).doesNotHaveDuplicates().hasSize(20);
        assertThat(harness.counter("newsdesk.slack.answers", "kind", "mention")).isEqualTo(20);
    }

    /** Runs {@code request} for 0..n-1 at once and checks every acknowledgement was 200. */
    private static void runConcurrently(int n, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<HttpResponse<String>>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                acks.add(pool.submit((Callable<HttpResponse<String>>) () -> request.send(index)));
            }
            for (Future<HttpResponse<String>> ack : acks) {
                assertThat(ack.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Request {
        HttpResponse<String> send(int index) throws Exception;
    }
}
