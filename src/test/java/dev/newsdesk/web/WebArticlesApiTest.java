package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.LiveArchive;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebArticlesApiTest {

    private static final String TOKEN = "test-admin-token-7f3a";
    private static LiveArchive archive;
    private static TestServer server;

    /** A token the access file lets write to collection "regional" only. */
    private static final String REGIONAL_TOKEN = "regional-admin-token-19c2";

    @BeforeAll
    static void serve() throws IOException {
        java.nio.file.Path access = dev.newsdesk.TestEngines.tempDir("articles-access").resolve("access.yaml");
        Files.writeString(access, "admin_tokens:\n  - sha256: " + sha256(REGIONAL_TOKEN) + "\n    collections: [regional]\n");
        archive = new LiveArchive(Map.of("NEWSDESK_PORT", "0", "NEWSDESK_ADMIN_TOKEN", TOKEN,
                "NEWSDESK_ACCESS_FILE", access.toString()));
        server = TestServer.live(archive);
    }

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        archive.close();
    }

    private HttpResponse<String> post(Map<String, String> article) throws IOException {
        return server.send("POST", "/api/articles", "application/json", TestServer.JSON.writeValueAsString(article), TOKEN);
    }

    private JsonNode ask(String question, Map<String, String> filters) throws IOException {
        Map<String, Object> request = filters == null ? Map.of("question", question) : Map.of("question", question, "filters", filters);
        return TestServer.json(server.send("POST", "/api/chat", "application/json", TestServer.JSON.writeValueAsString(request), null));
    }

    private long files() throws IOException {
        try (Stream<java.nio.file.Path> listing = Files.list(archive.corpus)) {
            return listing.count();
        }
    }

    @Test
    void an_article_added_by_api_is_citable_by_the_next_question_with_its_outlet_date_and_link() throws IOException {
        HttpResponse<String> created = post(Map.of("title", "Orchard harvest record",
                "text", "The Quillmere orchard cooperative picked 830 tonnes of pears this autumn, its chair said on Monday.",
                "source", "Quillmere Courier", "published", "2024-10-07", "url", "https://courier.example.org/pears"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String file = TestServer.json(created).get("file").asText();
        assertThat(file).endsWith(".md");
        assertThat(Files.readString(archive.corpus.resolve(file))).startsWith("---\ntitle: \"Orchard harvest record\"\n");

        JsonNode answer = ask("How many tonnes of pears did the Quillmere orchard cooperative pick?", null);

        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("file").asText()).isEqualTo(file);
        assertThat(citation.get("source").asText()).isEqualTo("Quillmere Courier");
        assertThat(citation.get("published").asText()).isEqualTo("2024-10-07");
        assertThat(citation.get("url").asText()).isEqualTo("https://courier.example.org/pears");
    }

    @Test
    void without_the_right_bearer_token_nothing_is_written_and_the_answer_is_401() throws IOException {
        long before = files();
        String body = "{\"title\":\"T\",\"text\":\"Some text here.\"}";

        HttpResponse<String> none = server.send("POST", "/api/articles", "application/json", body, null);
        HttpResponse<String> wrong = server.send("POST", "/api/articles", "application/json", body, TOKEN + "x");
        HttpResponse<String> delete = server.send("DELETE", "/api/articles/000_41b7cba08cfcfee1.txt", null, null, "nope");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(delete.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(none).get("error").asText()).contains("Authorization: Bearer", "NEWSDESK_ADMIN_TOKEN");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void bad_articles_get_a_json_error_that_says_what_to_send_and_nothing_is_written() throws IOException {
        long before = files();

        HttpResponse<String> noTitle = post(Map.of("text", "Body only."));
        HttpResponse<String> badDate = post(Map.of("title", "T", "text", "Body.", "published", "yesterday"));
        HttpResponse<String> badUrl = post(Map.of("title", "T", "text", "Body.", "url", "javascript:alert(1)"));
        HttpResponse<String> plain = server.send("POST", "/api/articles", "text/plain", "Title\nBody.", TOKEN);
        HttpResponse<String> huge = server.send("POST", "/api/articles", "application/json",
                "{\"title\":\"T\",\"text\":\"" + "x".repeat(ArticlesHandler.MAX_ARTICLE_BYTES) + "\"}", TOKEN);
        HttpResponse<String> pageWithoutAddress = server.send("POST", "/api/articles", "text/html", "<p>Hi there.</p>", TOKEN);

        assertThat(noTitle.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(noTitle).get("error").asText()).contains("\"title\"");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(badDate).get("error").asText()).contains("ISO date");
        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(pageWithoutAddress.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(pageWithoutAddress).get("error").asText()).contains("?url=");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void an_article_longer_than_a_question_body_may_be_is_accepted() throws IOException {
        String paragraph = "The long survey of the Velmar wetlands counted reeds. ".repeat(200);
        String text = (paragraph + "\n\n").repeat(10);
        assertThat(text.length()).isGreaterThan((int) WebApp.MAX_REQUEST_BYTES);

        HttpResponse<String> created = post(Map.of("title", "Wetland survey", "text", text));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void a_page_posted_with_its_address_is_stored_as_html_and_served_as_its_extracted_text() {
        String page = "<html><head><meta property=\"og:site_name\" content=\"Brindle Post\"><title>Ferry timetable</title>"
                + "</head><body><article><p>The Brindle ferry will run every 40 minutes from June, the operator said.</p>"
                + "</article></body></html>";

        HttpResponse<String> created = server.send("POST", "/api/articles?url="
                + URLEncoder.encode("https://post.example.org/ferry", StandardCharsets.UTF_8), "text/html", page, TOKEN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = TestServer.json(created);
        assertThat(body.get("file").asText()).endsWith(".html");
        assertThat(body.get("url").asText()).isEqualTo("https://post.example.org/ferry");
        assertThat(body.get("source").asText()).isEqualTo("Brindle Post");
        JsonNode source = TestServer.json(server.send("GET", "/api/sources/" + body.get("file").asText(), null, null, null));
        assertThat(source.get("text").asText()).isEqualTo("Ferry timetable\n\n"
                + "The Brindle ferry will run every 40 minutes from June, the operator said.\n");
    }

    @Test
    void an_article_deleted_by_api_is_gone_from_sources_and_answers() throws IOException {
        String file = TestServer.json(post(Map.of("title", "Kiln fire",
                "text", "A kiln fire closed the Ostrava pottery museum for six days, staff said."))).get("file").asText();

        HttpResponse<String> deleted = server.send("DELETE", "/api/articles/" + file, null, null, TOKEN);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(Files.exists(archive.corpus.resolve(file))).isFalse();
        assertThat(server.send("GET", "/api/sources/" + file, null, null, null).statusCode()).isEqualTo(404);
        assertThat(ask("How long was the Ostrava pottery museum closed after the kiln fire?", null).get("citations"))
                .noneSatisfy(c -> assertThat(c.get("file").asText()).isEqualTo(file));
        assertThat(server.send("DELETE", "/api/articles/" + file, null, null, TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void sources_list_newest_first_and_filter_by_outlet_and_dates_and_chat_filters_restrict_retrieval() throws IOException {
        String text = "The Harlow canal lock was rebuilt with %s new gates, engineers said.";
        post(Map.of("title", "Canal lock A", "text", text.formatted("four"), "source", "Harlow Gazette", "published", "2023-03-01"));
        post(Map.of("title", "Canal lock B", "text", text.formatted("six"), "source", "Harlow Times", "published", "2024-03-01T10:00:00Z"));

        JsonNode all = TestServer.json(server.send("GET", "/api/sources", null, null, null));
        JsonNode gazette = TestServer.json(server.send("GET", "/api/sources?source=harlow%20gazette", null, null, null));
        JsonNode in2024 = TestServer.json(server.send("GET", "/api/sources?from=2024-01-01&to=2024-12-31", null, null, null));
        HttpResponse<String> badDate = server.send("GET", "/api/sources?from=soon", null, null, null);

        assertThat(all.get(0).get("published").asText()).as("newest first").isGreaterThanOrEqualTo(all.get(1).get("published").asText());
        assertThat(gazette).extracting(s -> s.get("title").asText()).containsExactly("Canal lock A");
        assertThat(in2024).extracting(s -> s.get("title").asText()).contains("Canal lock B").doesNotContain("Canal lock A");
        assertThat(badDate.statusCode()).isEqualTo(400);

        JsonNode filtered = ask("How many new gates did the Harlow canal lock get?", Map.of("source", "Harlow Gazette"));
        assertThat(filtered.get("citations")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.get("source").asText()).isEqualTo("Harlow Gazette"));
    }

    @Test
    void health_and_metrics_show_articles_last_ingest_and_ingest_errors() throws IOException {
        post(Map.of("title", "Weir", "text", "The Tolsey weir was raised by a metre, the council said."));

        JsonNode health = TestServer.json(server.send("GET", "/health", null, null, null));
        String metrics = server.send("GET", "/metrics", null, null, null).body();

        assertThat(health.get("articles").asInt()).isEqualTo(archive.engine.corpus().articles().size());
        assertThat(health.get("last_ingest").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(health.get("ingest_errors").asInt()).isZero();
        assertThat(metrics).contains("newsdesk_articles ", "newsdesk_ingest_last_seconds ", "newsdesk_ingest_errors_total 0.0");
    }

    @Test
    void a_token_scoped_to_a_collection_adds_articles_there_and_nowhere_else() throws IOException {
        String article = "{\"title\":\"Valley bus route\",\"text\":\"The valley bus will stop at Fennick Mill from June,"
                + " the council said.\",\"collection\":\"%s\"}";

        HttpResponse<String> regional = server.send("POST", "/api/articles", "application/json",
                article.formatted("regional"), REGIONAL_TOKEN);
        HttpResponse<String> elsewhere = server.send("POST", "/api/articles", "application/json",
                article.formatted("investigations"), REGIONAL_TOKEN);
        HttpResponse<String> toDefault = server.send("POST", "/api/articles", "application/json",
                "{\"title\":\"T\",\"text\":\"Some text here.\"}", REGIONAL_TOKEN);

        assertThat(regional.statusCode()).as(regional.body()).isEqualTo(201);
        String file = TestServer.json(regional).get("file").asText();
        assertThat(file).startsWith("regional/");
        assertThat(TestServer.json(regional).get("collection").asText()).isEqualTo("regional");
        assertThat(Files.exists(archive.corpus.resolve(file))).isTrue();
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(toDefault.statusCode()).isEqualTo(403);
        assertThat(archive.corpus.resolve("investigations")).doesNotExist();
    }

    @Test
    void a_token_scoped_to_a_collection_cannot_delete_in_another_and_is_told_only_that_there_is_no_such_article()
            throws IOException {
        HttpResponse<String> created = server.send("POST", "/api/articles", "application/json",
                "{\"title\":\"Mill sale\",\"text\":\"The Fennick Mill was sold, the owners said.\",\"collection\":\"legal\"}",
                TOKEN);
        String file = TestServer.json(created).get("file").asText();

        HttpResponse<String> refused = server.send("DELETE", "/api/articles/" + file, null, null, REGIONAL_TOKEN);
        HttpResponse<String> missing = server.send("DELETE", "/api/articles/legal/no-such-article.md", null, null,
                REGIONAL_TOKEN);

        assertThat(file).startsWith("legal/");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).isEqualTo(missing.body());
        assertThat(Files.exists(archive.corpus.resolve(file))).isTrue();
        assertThat(server.send("DELETE", "/api/articles/" + file, null, null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(Files.exists(archive.corpus.resolve(file))).isFalse();
    }

    @Test
    void a_collection_that_is_not_a_valid_name_is_a_400_saying_what_a_name_is() throws IOException {
        HttpResponse<String> response = server.send("POST", "/api/articles", "application/json",
                "{\"title\":\"T\",\"text\":\"Some text here.\",\"collection\":\"../etc\"}", TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").asText()).contains("letters, digits");
    }
}
