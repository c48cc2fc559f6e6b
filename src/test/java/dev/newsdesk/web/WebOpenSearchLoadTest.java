package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.EvalQuestion;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.index.opensearch.OpenSearchCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server over a two-node cluster (2 shards, a replica each) while clients keep asking over HTTP and
 * the cluster changes under them: a new build replaces the chunks, a node stops. Every question must
 * still be answered, citing what the Lucene store cites.
 */
@ExtendWith(OpenSearchCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebOpenSearchLoadTest {

    /** Questions that stand alone and that the seeds answer, so that every reply should cite files. */
    private static final List<String> QUESTIONS = Evaluation.load(Path.of("eval/questions.jsonl")).stream()
            .filter(q -> q.conversation() == null && !q.unanswerable()).map(EvalQuestion::question).limit(40).toList();

    private static final int CLIENTS = 16;
    private static final String PREFIX = "load";

    // Without the reader on either side: this is about the cluster under load, and reading would only cost time.
    private final Engine lucene = TestEngines.sharedWithoutReader();
    private Map<String, Set<String>> cited;
    private Settings settings;
    private Engine engine;
    private TestServer server;

    @BeforeAll
    void serveAClusterCopyOfTheLuceneIndex() {
        settings = TestEngines.settings(TestEngines.SEEDS, TestEngines.tempDir("unused-index"), Map.of(
                "NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", OpenSearchCluster.running().urls(),
                "OPENSEARCH_INDEX", PREFIX,
                "OPENSEARCH_SHARDS", "2",
                "OPENSEARCH_REPLICAS", "1",
                "NEWSDESK_READER", "off"));
        build();
        engine = Engine.start(settings, s -> { }, (d, t, f) -> { });
        // As many questions answered at once as there are clients, so that all of them reach the cluster together.
        server = TestServer.ready(engine, Map.of("NEWSDESK_MAX_ANSWERING", Integer.toString(CLIENTS)));
        cited = QUESTIONS.stream().collect(Collectors.toMap(Function.identity(), q -> lucene.answers().ask(q, null)
                .citations().stream().map(Citation::file).collect(Collectors.toCollection(TreeSet::new))));
    }

    /** A full build (a new index, the alias moved to it), copied from the Lucene index so that nothing is embedded. */
    private void build() {
        Engine.copy(settings, lucene.settings().index(), s -> { }, (d, t, f) -> { });
    }

    @AfterAll
    void close() throws IOException {
        server.close();
        engine.close();
    }

    @Test
    void a_new_build_replacing_the_chunks_drops_no_question_asked_meanwhile() throws Exception {
        AskingClients clients = new AskingClients(server, QUESTIONS, CLIENTS);
        clients.awaitMore(20);
        int before = clients.count();
        build();
        int during = clients.count() - before;
        List<AskingClients.Reply> replies = clients.stop();

        System.out.printf("OpenSearch alias switch under %d clients: %d answers while the new build was written, the"
                + " alias moved and the old build was deleted%n", CLIENTS, during);
        assertThat(during).isPositive();
        assertEveryQuestionAnsweredAsByLucene(replies);
        assertThat(OpenSearchCluster.running().indices(PREFIX + "-chunks-*")).as("the earlier build is deleted")
                .hasSize(1);
    }

    @Test
    void sixteen_clients_lose_no_answer_when_a_node_stops_mid_run() throws Exception {
        AskingClients clients = new AskingClients(server, QUESTIONS, CLIENTS);
        List<AskingClients.Reply> replies;
        try {
            clients.awaitMore(200);
            OpenSearchCluster.running().stopOneNode();
            clients.awaitMore(200);
        } finally {
            replies = clients.stop();
            OpenSearchCluster.running().startStoppedNode();
        }

        System.out.printf("OpenSearch node stopped under %d clients: %d answers, %s%n", CLIENTS, replies.size(),
                AskingClients.latency(replies));
        assertEveryQuestionAnsweredAsByLucene(replies);
    }

    /** Each reply a 200 that cites files, the files the Lucene store's answer cites. */
    private void assertEveryQuestionAnsweredAsByLucene(List<AskingClients.Reply> replies) {
        assertThat(replies).isNotEmpty().filteredOn(r -> r.status() != 200 || r.files().isEmpty()
                || !r.files().equals(cited.get(r.question()))).isEmpty();
    }
}
