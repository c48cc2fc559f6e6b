package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.ingest.Article;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebChatApiTest {

    private final TestServer server = TestServer.shared();



    @Test
    void chat_answers_with_verbatim_citations() {
        HttpResponse<String> response = server.chat(Map.of("question", "What did Putin warn about?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode answer = TestServer.json(response);
        assertThat(answer.get("abstained").asBoolean()).isFalse();
        assertThat(answer.get("answer").asText()).contains("[1]");
        assertThat(answer.get("conversation").asText()).isNotBlank();
        assertThat(answer.get("citations")).isNotEmpty();
        for (JsonNode citation : answer.get("citations")) {
            Article article = TestServer.engine().corpus().article(citation.get("file").asText()).orElseThrow();
            int[] points = article.text().codePoints().toArray();
            String quoted = new String(points, citation.get("start").asInt(),
                    citation.get("end").asInt() - citation.get("start").asInt());
            assertThat(citation.get("quote").asText()).isEqualTo(quoted);
            assertThat(citation.get("title").asText()).isEqualTo(article.title());
        }
    }

    @Test
    void a_follow_up_keeps_the_conversation_id() {
        String id = TestServer.json(server.chat(Map.of("question", "What did Blinken say about Ukraine?")))
                .get("conversation").asText();

        JsonNode followUp = TestServer.json(server.chat(Map.of("question", "Where will he travel next?", "conversation", id)));

        assertThat(followUp.get("conversation").asText()).isEqualTo(id);
    }

    @Test
    void each_new_question_without_a_conversation_gets_its_own_id() {
        String first = TestServer.json(server.chat(Map.of("question", "What did John Kirby say?"))).get("conversation").asText();
        String second = TestServer.json(server.chat(Map.of("question", "What did John Kirby say?"))).get("conversation").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_question_the_articles_cannot_answer_is_an_abstention_citing_at_most_the_closest_passage() {
        JsonNode answer = TestServer.json(server.chat(Map.of("question", "Did the articles mention the price of tea?")));

        assertThat(answer.get("abstained").asBoolean()).isTrue();
        assertThat(answer.get("citations").size()).isLessThanOrEqualTo(1);
        assertThat(answer.get("answer").asText()).contains("do not");
    }

    @Test
    void the_chat_page_is_served_at_the_root_with_a_strict_content_security_policy() {
        HttpResponse<String> page = server.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("app.js", "app.css");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(server.get("/app.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/app.css").statusCode()).isEqualTo(200);
        assertThat(server.get("/viewer.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/dom.js").statusCode()).isEqualTo(200);
    }

    @Test
    void routes_added_by_other_features_are_served() {
        server.web.addRoutes(app -> app.get("/test/feature", ctx -> ctx.result("feature")));

        assertThat(server.get("/test/feature").body()).isEqualTo("feature");
    }

    @Test
    void an_unexpected_failure_is_a_500_without_details() {
        server.web.addRoutes(app -> app.get("/test/boom", ctx -> {
            throw new IllegalStateException("secret internals");
        }));

        HttpResponse<String> response = server.get("/test/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(TestServer.json(response).get("error").asText()).contains("went wrong");
        assertThat(response.body()).doesNotContain("secret", "Exception", "at dev.");
    }
}
