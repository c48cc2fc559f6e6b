package dev.newsdesk.answer.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for a chat model server, speaking both the OpenAI chat-completions protocol
 * ({@code POST /v1/chat/completions}, JSON or server-sent events) and Ollama's ({@code POST /api/chat},
 * JSON or NDJSON). Each request is recorded and answered by the current script.
 */
final class StandInModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOURCE = Pattern.compile("<source n=\"(\\d+)\" file=\"([^\"]*)\"[^>]*>(.*?)</source>",
            Pattern.DOTALL);

    /** One request as received: which protocol, whether streamed, and its messages. */
    record Request(String path, JsonNode body) {
        boolean streamed() {
            return body.path("stream").asBoolean(false);
        }

        List<JsonNode> messages() {
            List<JsonNode> messages = new ArrayList<>();
            body.path("messages").forEach(messages::add);
            return messages;
        }

        String role(int i) {
            return messages().get(i).path("role").asText();
        }

        String content(int i) {
            return messages().get(i).path("content").asText();
        }

        /** The last user message (the one carrying the question and sources). */
        String user() {
            return content(messages().size() - 1);
        }

        /** The number of the first source whose text contains {@code text}; fails when none does. */
        int sourceContaining(String text) {
            Matcher m = SOURCE.matcher(user());
            while (m.find()) {
                if (m.group(3).contains(text)) {
                    return Integer.parseInt(m.group(1));
                }
            }
            throw new AssertionError("no source contains '" + text + "' in:\n" + user());
        }
    }

    /** What the script tells the stand-in to do. */
    sealed interface Reply permits Text, Status, Hang, Raw {
    }

    /** A completion; streamed as one chunk per word when the client asked for a stream. */
    record Text(String text) implements Reply {
    }

    record Status(int code) implements Reply {
    }

    record Hang(Duration duration) implements Reply {
    }

    /** A body sent as is with status 200: for malformed output. */
    record Raw(String body) implements Reply {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stand-in-model");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> script = r -> new Status(500);

    StandInModel() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, true));
        server.createContext("/api/chat", exchange -> handle(exchange, false));
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL for OPENAI_BASE_URL. */
    String openAiUrl() {
        return ollamaUrl() + "/v1";
    }

    /** The base URL for OLLAMA_BASE_URL. */
    String ollamaUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void script(Function<Request, Reply> script) {
        this.script = script;
        requests.clear();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests that asked for a streamed answer (the non-streamed ones condense follow-ups). */
    List<Request> answerRequests() {
        return requests.stream().filter(Request::streamed).toList();
    }

    private void handle(HttpExchange exchange, boolean openAi) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestURI().getPath(),
                    JSON.readTree(exchange.getRequestBody().readAllBytes()));
            requests.add(request);
            Reply reply;
            try {
                reply = script.apply(request);
            } catch (RuntimeException | AssertionError e) {
                // A script that cannot answer (e.g. the expected source was not retrieved) must fail
                // the test loudly, not leave the client waiting.
                send(exchange, 400, "application/json", JSON.createObjectNode().put("error", e.getMessage()).toString());
                throw e;
            }
            if (reply instanceof Status s) {
                send(exchange, s.code(), "application/json", "{\"error\":{\"message\":\"scripted\"}}");
            } else if (reply instanceof Raw r) {
                send(exchange, 200, "application/json", r.body());
            } else if (reply instanceof Hang h) {
                sleep(h.duration());
            } else if (reply instanceof Text t && !request.streamed()) {
                send(exchange, 200, "application/json", openAi ? openAiMessage(t.text()) : ollamaMessage(t.text(), "", true));
            } else if (reply instanceof Text t) {
                stream(exchange, openAi, t.text());
            }
        }
    }

    private static void stream(HttpExchange exchange, boolean openAi, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", openAi ? "text/event-stream" : "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String token : tokens(text)) {
            out.write((openAi ? "data: " + openAiChunk(token, null) + "\n\n" : ollamaMessage("", token, false) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write((openAi ? "data: " + openAiChunk("", "stop") + "\n\ndata: [DONE]\n\n" : ollamaMessage("", "", true) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Words with their following space, so that the tokens concatenate to the text. */
    static List<String> tokens(String text) {
        return List.of(text.split("(?<= )"));
    }

    private static String openAiMessage(String text) {
        ObjectNode root = base("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root.toString();
    }

    private static String openAiChunk(String token, String finish) {
        ObjectNode root = base("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", token);
        choice.put("finish_reason", finish);
        return root.toString();
    }

    private static ObjectNode base(String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "stand-in").put("object", object).put("created", 0).put("model", "stand-in");
        return root;
    }

    /** Ollama's reply: the whole {@code text} when not streaming, else one {@code token}; {@code done} ends it. */
    private static String ollamaMessage(String text, String token, boolean done) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "stand-in").put("created_at", "2024-05-22T00:00:00Z");
        root.putObject("message").put("role", "assistant").put("content", text.isEmpty() ? token : text);
        root.put("done", done);
        if (done) {
            root.put("done_reason", "stop").put("prompt_eval_count", 10).put("eval_count", 5);
        }
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
