package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.SignInProvider;
import dev.newsdesk.TwoCollections;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two people of different groups asking the same questions over an archive of two collections: each is
 * answered from the collections they may read, and nothing of the others reaches them — not in answers,
 * abstentions, "N reports agree", conversations, the overview, the article list or the source viewer.
 */
class WebCollectionsTest {

    private static SignInProvider provider;
    private static TwoCollections archive;
    private static TestServer server;
    private static String insider;
    private static String outsider;

    @BeforeAll
    static void start() {
        provider = new SignInProvider();
        archive = new TwoCollections(Map.of());
        server = TestServer.ready(archive.engine, archive.env(provider.env()));
        insider = provider.accessToken("ana", List.of(TwoCollections.GROUP));
        outsider = provider.accessToken("bo", List.of("sports-desk"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        archive.close();
        provider.close();
    }

    private static JsonNode ask(String token, String question, String conversation) {
        Map<String, String> request = conversation == null ? Map.of("question", question)
                : Map.of("question", question, "conversation", conversation);
        HttpResponse<String> response = server.send("POST", "/api/chat", "application/json", TestServer.JSON.valueToTree(request)
                .toString(), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    private static HttpResponse<String> get(String token, String path) {
        return server.send("GET", path, null, null, token);
    }

    /** The words of the memo alone, and its name, title and outlet, that {@code text} holds beyond what {@code asked} said. */
    private static Set<String> leaked(String text, String asked) {
        Set<String> askedWords = words(asked);
        Set<String> leaked = words(text).stream().filter(TwoCollections.MEMO_ONLY::contains)
                .filter(w -> !askedWords.contains(w)).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String whole : List.of(TwoCollections.MEMO, "investigations", TwoCollections.MEMO_TITLE, TwoCollections.MEMO_OUTLET)) {
            if (text.toLowerCase(Locale.ROOT).contains(whole.toLowerCase(Locale.ROOT))
                    && !asked.toLowerCase(Locale.ROOT).contains(whole.toLowerCase(Locale.ROOT))) {
                leaked.add(whole);
            }
        }
        return leaked;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }

    @Test
    void someone_of_the_group_is_answered_from_the_memo_and_someone_else_gets_an_abstention_naming_nothing_of_it() {
        for (String question : TwoCollections.memoQuestions()) {
            JsonNode in = ask(insider, question, null);
            JsonNode out = ask(outsider, question, null);

            assertThat(in.get("abstained").asBoolean()).as(question).isFalse();
            assertThat(in.get("citations")).extracting(c -> c.get("file").asText()).contains(TwoCollections.MEMO);
            assertThat(out.get("abstained").asBoolean()).as(question).isTrue();
            assertThat(leaked(out.toString(), question)).as(question).isEmpty();
        }
    }

    @Test
    void none_of_the_articles_mention_a_name_only_a_collection_one_may_not_read_has() {
        JsonNode out = ask(outsider, "What did Zoltan Brack say?", null);
        JsonNode in = ask(insider, "What did Zoltan Brack say?", null);

        assertThat(out.get("answer").asText()).startsWith("None of the articles mention “Zoltan” or “Brack”");
        assertThat(in.get("abstained").asBoolean()).isFalse();
        assertThat(in.get("answer").asText()).contains("tender");
    }

    @Test
    void reports_agree_only_among_the_articles_one_may_read() {
        String question = "How often will the ferry run from spring?";

        JsonNode in = ask(insider, question, null);
        JsonNode out = ask(outsider, question, null);

        assertThat(in.get("citations")).extracting(c -> c.get("file").asText()).contains("ferry.md", TwoCollections.MEMO);
        assertThat(out.get("citations")).extracting(c -> c.get("file").asText()).contains("ferry.md")
                .doesNotContain(TwoCollections.MEMO);
        assertThat(leaked(out.toString(), question)).isEmpty();
    }

    @Test
    void a_conversation_belongs_to_the_person_who_began_it() {
        JsonNode begun = ask(insider, "Who signed the dredging contract?", null);
        String conversation = begun.get("conversation").asText();

        JsonNode other = ask(outsider, "When did he sign it?", conversation);

        assertThat(leaked(other.toString(), "When did he sign it?")).isEmpty();
        assertThat(other.get("notice").asText()).contains("unknown");
    }

    @Test
    void the_overview_and_the_article_list_show_only_what_one_may_read() {
        JsonNode outOverview = TestServer.json(get(outsider, "/api/overview"));
        JsonNode inOverview = TestServer.json(get(insider, "/api/overview"));
        HttpResponse<String> outList = get(outsider, "/api/sources");

        assertThat(outOverview.get("articles").asInt()).isEqualTo(2);
        assertThat(inOverview.get("articles").asInt()).isEqualTo(3);
        assertThat(inOverview.get("outlets")).extracting(JsonNode::asText).contains(TwoCollections.MEMO_OUTLET);
        assertThat(leaked(outOverview.toString(), "")).isEmpty();
        assertThat(leaked(outList.body(), "")).isEmpty();
        assertThat(TestServer.json(get(insider, "/api/sources"))).extracting(s -> s.get("file").asText())
                .contains(TwoCollections.MEMO);
    }

    @Test
    void the_source_viewer_answers_for_an_article_one_may_not_read_as_for_one_that_does_not_exist() {
        HttpResponse<String> hidden = get(outsider, "/api/sources/" + TwoCollections.MEMO);
        HttpResponse<String> missing = get(outsider, "/api/sources/investigations/no-such-memo.md");
        HttpResponse<String> shown = get(insider, "/api/sources/" + TwoCollections.MEMO);

        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(shown).get("title").asText()).isEqualTo(TwoCollections.MEMO_TITLE);
    }

    @Test
    void the_stream_answers_from_the_askers_collections_too() {
        String question = TwoCollections.memoQuestions().get(0);
        String path = "/api/chat/stream?question=" + URLEncoder.encode(question, StandardCharsets.UTF_8);

        String out = server.send("GET", path, null, null, outsider).body();
        String in = server.send("GET", path, null, null, insider).body();

        assertThat(leaked(out, question)).isEmpty();
        assertThat(in).contains(TwoCollections.MEMO);
    }

    /**
     * 200 probing questions made from the memo's own words, asked by someone who may not read it: no
     * response tells a word of it that the question did not already say.
     */
    @Test
    void no_probing_question_draws_anything_of_a_collection_one_may_not_read() {
        List<String> probes = probes(200);
        List<String> leaks = new ArrayList<>();

        for (String probe : probes) {
            Set<String> leaked = leaked(ask(outsider, probe, null).toString(), probe);
            if (!leaked.isEmpty()) {
                leaks.add(probe + " -> " + leaked);
            }
        }

        assertThat(probes).hasSize(200).doesNotHaveDuplicates();
        assertThat(leaks).isEmpty();
    }

    private static List<String> probes(int count) {
        List<String> subjects = new ArrayList<>(List.of("Zoltan Brack", "Brack", "Korvath Marine", "Korvath",
                "the dredging contract", "the tender", "the memo", "the port director", "Night Desk Wire", "dredging"));
        List<String> templates = List.of("Who is %s?", "What did %s say?", "What is %s?", "Tell me about %s.",
                "What happened with %s?", "When was %s signed?", "Who got %s?", "Which articles mention %s?",
                "Why was there no tender for %s?", "What does the investigations memo say about %s?",
                "Did %s sign anything in July?", "How much was %s worth?", "Where is %s based?",
                "What did the harbour say about %s?", "Is %s in the news?", "Who wrote about %s?",
                "What did the port director say about %s?", "Has %s been investigated?", "When did %s happen?",
                "Who approved %s?");
        List<String> probes = new ArrayList<>(TwoCollections.memoQuestions());
        for (String template : templates) {
            for (String subject : subjects) {
                if (probes.size() < count) {
                    probes.add(String.format(template, subject));
                }
            }
        }
        return probes;
    }
}
