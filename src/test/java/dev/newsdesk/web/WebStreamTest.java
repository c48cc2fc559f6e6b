package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebStreamTest {

    private final TestServer server = TestServer.shared();

    /** One Server-Sent Event: its name and its data, parsed as JSON. */
    record Event(String name, JsonNode data) {
    }



    @Test
    void the_stream_sends_sources_then_text_then_the_answer() {
        HttpResponse<String> response = server.get(stream("What did Putin warn about?", null), "text/event-stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<Event> events = events(response.body());
        List<String> names = events.stream().map(Event::name).toList();
        assertThat(names.get(0)).isEqualTo("sources");
        assertThat(names.subList(1, names.size() - 1)).isNotEmpty().containsOnly("delta");
        assertThat(names.get(names.size() - 1)).isEqualTo("done");
        JsonNode done = events.get(events.size() - 1).data();
        StringBuilder streamed = new StringBuilder();
        events.stream().filter(e -> e.name().equals("delta")).forEach(e -> streamed.append(e.data().get("text").asText()));
        assertThat(streamed.toString()).isEqualTo(done.get("answer").asText());
        assertThat(done.get("citations")).isNotEmpty();
        assertThat(events.get(0).data()).isEqualTo(done.get("citations"));
        assertThat(done.get("conversation").asText()).isNotBlank();
    }

    @Test
    void the_stream_continues_a_conversation() {
        String id = TestServer.json(server.chat(Map.of("question", "What did Blinken say about Ukraine?")))
                .get("conversation").asText();

        List<Event> events = events(server.get(stream("Where will he travel next?", id), "text/event-stream").body());

        assertThat(events.get(events.size() - 1).data().get("conversation").asText()).isEqualTo(id);
    }

    @Test
    void a_bad_question_on_the_stream_is_an_error_event() {
        List<Event> events = events(server.get(stream("   ", null), "text/event-stream").body());

        assertThat(events).extracting(Event::name).containsExactly("error");
        assertThat(events.get(0).data().get("error").asText()).contains("empty");
    }

    @Test
    void a_question_over_the_limit_reaches_the_server_even_percent_encoded_and_is_an_error_event() {
        List<Event> events = events(server.get(stream("Ж".repeat(2001), null), "text/event-stream").body());

        assertThat(events).extracting(Event::name).containsExactly("error");
        assertThat(events.get(0).data().get("error").asText()).contains("limit is 2000");
    }

    @Test
    void the_stream_refuses_to_continue_a_slack_threads_conversation() {
        List<Event> events = events(server.get(stream("What did Putin warn about?", "slack-C024BE91L-1717171717.000100"),
                "text/event-stream").body());

        assertThat(events).extracting(Event::name).containsExactly("error");
        assertThat(events.get(0).data().get("error").asText()).contains("belong to Slack threads");
    }

    @Test
    void a_stream_without_a_question_is_an_error_event() {
        List<Event> events = events(server.get("/api/chat/stream", "text/event-stream").body());

        assertThat(events).extracting(Event::name).containsExactly("error");
        assertThat(events.get(0).data().get("error").asText()).contains("No question");
    }

    @Test
    void the_stream_refuses_clients_that_do_not_accept_an_event_stream() {
        HttpResponse<String> response = server.get(stream("What did Putin warn about?", null), "application/json");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(TestServer.json(response).get("error").asText()).contains("text/event-stream");
    }

    @Test
    void the_stream_is_served_to_clients_that_accept_anything_or_say_nothing_as_curl_does() {
        HttpResponse<String> anything = server.get(stream("What did Putin warn about?", null), "*/*");
        HttpResponse<String> nothing = server.get(stream("What did Putin warn about?", null));

        for (HttpResponse<String> response : List.of(anything, nothing)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(events(response.body())).extracting(Event::name).startsWith("sources").endsWith("done");
        }
    }

    @Test
    void accept_headers_rule_the_stream_out_only_when_their_best_match_for_it_has_q_0() {
        assertThat(ChatHandler.acceptsEventStream("text/event-stream")).isTrue();
        assertThat(ChatHandler.acceptsEventStream("text/*;q=0.5, application/json")).isTrue();
        assertThat(ChatHandler.acceptsEventStream("application/json")).isFalse();
        assertThat(ChatHandler.acceptsEventStream("text/event-stream;q=0, */*")).isFalse();
        assertThat(ChatHandler.acceptsEventStream("*/*;q=0")).isFalse();
    }

    private static String stream(String question, String conversation) {
        return "/api/chat/stream?question=" + URLEncoder.encode(question, StandardCharsets.UTF_8)
                + (conversation == null ? "" : "&conversation=" + conversation);
    }

    private static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
            if (!data.isEmpty()) {
                events.add(new Event(name, TestServer.json(data.toString())));
            }
        }
        return events;
    }
}
