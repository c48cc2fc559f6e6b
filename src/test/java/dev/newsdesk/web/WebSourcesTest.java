package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.ingest.Article;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSourcesTest {

    private final TestServer server = TestServer.shared();



    @Test
    void sources_lists_every_article_with_title_size_and_chunks() {
        HttpResponse<String> response = server.get("/api/sources");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = TestServer.json(response);
        List<Article> articles = new ArrayList<>(TestServer.engine().corpus().articles());
        assertThat(list).hasSize(articles.size());
        int chunks = 0;
        for (int i = 0; i < articles.size(); i++) {
            JsonNode source = list.get(i);
            Article article = articles.get(i);
            assertThat(source.get("file").asText()).isEqualTo(article.file());
            assertThat(source.get("title").asText()).isEqualTo(article.title());
            assertThat(source.get("size").asInt()).isEqualTo(article.text().getBytes(StandardCharsets.UTF_8).length);
            assertThat(source.get("chunks").asInt()).isPositive();
            chunks += source.get("chunks").asInt();
        }
        assertThat(chunks).isEqualTo(TestServer.engine().index().chunkCount());
    }

    @Test
    void a_source_is_its_exact_file_text() {
        Article article = TestServer.engine().corpus().articles().iterator().next();

        HttpResponse<String> response = server.get("/api/sources/" + URLEncoder.encode(article.file(), StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode source = TestServer.json(response);
        assertThat(source.get("file").asText()).isEqualTo(article.file());
        assertThat(source.get("title").asText()).isEqualTo(article.title());
        assertThat(source.get("text").asText()).isEqualTo(article.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope.txt", "..%2Fpom.xml", "..%2F..%2Fpom.xml", "%2e%2e%2fpom.xml", "..%5Cpom.xml",
            "%2Fetc%2Fpasswd", "seeds%2F000_41b7cba08cfcfee1.txt", "..", "%2e%2e", "../../pom.xml", "..%252Fpom.xml"})
    void unknown_files_and_path_tricks_are_json_404s(String file) {
        HttpResponse<String> response = server.get("/api/sources/" + file);

        assertThat(response.statusCode()).as(file).isEqualTo(404);
        assertThat(TestServer.json(response).get("error").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("<project", "root:");
    }

    @Test
    void a_path_jetty_cannot_parse_is_a_json_400() {
        HttpResponse<String> response = server.get("/api/sources/000_41b7cba08cfcfee1.txt%00");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").asText()).contains("malformed");
    }
}
