package dev.newsdesk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of newsdesk, read once at start from the environment; command-line flags are applied
 * as overrides of the same variables, so there is one way in. Components get what they need from this
 * record through their constructors; nothing reads the environment anywhere else.
 */
public record Settings(
        Path corpus,
        Path index,
        String embeddingModel,
        int topK,
        Path scorer,
        int maxQuestionChars,
        int maxConversations,
        Duration conversationIdle,
        Path conversations,
        String host,
        int port,
        Llm llm,
        Slack slack,
        Archive archive,
        Terminal terminal,
        Limits limits,
        Store store,
        Reading reading,
        ArticleLimits articles,
        Tuning tuning,
        SignIn signIn) {

    /**
     * Who may ask what. Sign-in is on when {@code issuer} (an OpenID Connect issuer URL) is set: the page signs
     * people in there and the API takes its access tokens for {@code audience}. {@code groupsClaim} names the
     * tokens' claim of groups ("groups"; dotted for a nested one), {@code publicUrl} where browsers reach this
     * server (the redirect back comes there), {@code session} how long a sign-in lasts. {@code accessFile}
     * (YAML, optional) maps groups, Slack channels and admin tokens to collections.
     */
    public record SignIn(String issuer, String clientId, String clientSecret, String audience, String groupsClaim,
                         String publicUrl, Duration session, Path accessFile) {

        public boolean enabled() {
            return issuer != null;
        }

        /** Without the client secret, for the same reason as {@link Llm#toString()}. */
        @Override
        public String toString() {
            return "SignIn[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "unset" : "***") + ", audience=" + audience + ", groupsClaim=" + groupsClaim
                    + ", publicUrl=" + publicUrl + ", session=" + session + ", accessFile=" + accessFile + "]";
        }
    }

    /**
     * The work one article may cost, whatever its source: a file of more than {@code maxBytes} is skipped,
     * and only an article's first {@code maxSentences} sentences are indexed (each is embedded). The
     * defaults, 4 MB and 2,000 sentences, hold a very long feature (a 20,000-word one is about 130 KB
     * and 1,000 sentences) with room to spare.
     */
    public record ArticleLimits(long maxBytes, int maxSentences) {
    }

    /**
     * Choices of judgement that no labelled data of the project decides, each a documented setting (README,
     * Configuration): {@code recencyWeight}, how much an article's date counts against its relevance when a
     * question asks for the latest; {@code sameStoryState}, how much older than the newest report a report
     * may be and still describe the same state of a story; {@code furnitureShare}, the share of a corpus's
     * articles (and at least five) a line must appear in to be page furniture; {@code sameStatementOverlap},
     * the share of the shorter sentence's terms another must hold to make the same statement;
     * {@code llmMinSupport}, the least support a cited sentence must give a chat model's claim, and
     * {@code llmOverlapShare}, how much of that support is word overlap (the rest is embedding cosine).
     */
    public record Tuning(double recencyWeight, Duration sameStoryState, double furnitureShare,
                         double sameStatementOverlap, double llmMinSupport, double llmOverlapShare) {
    }

    /**
     * The reader (NEWSDESK_READER, on by default): it reads the first {@code passages} retrieved chunks,
     * in windows of at most {@code windowTokens} tokens (question included) overlapping by
     * {@code overlapTokens} where a chunk is longer; {@code model} is an ONNX file to read with instead of
     * the bundled model (null: bundled). A span of more than {@code shortAnswerWords} words is no short
     * answer to lead with: the default, 10, is the length 95% of SQuAD 1.1's training answers keep within.
     * Off, answers are composed by the sentence scorer alone.
     */
    public record Reading(boolean enabled, int passages, int windowTokens, int overlapTokens, Path model,
                          int shortAnswerWords) {
    }

    /**
     * Where chunks are kept: {@code kind} "lucene" (the index folder) or "opensearch", a cluster reached
     * at {@code urls} (any node; the client fails over between them) with optional basic-auth
     * credentials and a CA certificate file for TLS. {@code prefix} names its indices (the chunks alias
     * {@code <prefix>-chunks}, the manifest {@code <prefix>-manifest}); {@code shards}/{@code replicas}
     * apply to indices it creates; a request that takes longer than {@code timeout} fails instead of
     * holding a question. {@code snapshots} is the folder of the snapshot repository. Of the {@code serve}
     * processes on one cluster, the one holding the writer lease writes; it renews the lease every third
     * of {@code writerLease}, and another takes over when it has not for that long. {@code advertisedUrl}
     * is where the others send article writes (null: http://host:port).
     */
    public record Store(String kind, List<URI> urls, String user, String password, Path caFile, String prefix,
                        int shards, int replicas, Duration timeout, Path snapshots, Duration writerLease,
                        String advertisedUrl) {
        public boolean openSearch() {
            return "opensearch".equals(kind);
        }

        /** Without the password, for the same reason as {@link Llm#toString()}. */
        @Override
        public String toString() {
            return "Store[kind=" + kind + ", urls=" + urls + ", user=" + user + ", password="
                    + (password == null ? "unset" : "***") + ", caFile=" + caFile + ", prefix=" + prefix
                    + ", shards=" + shards + ", replicas=" + replicas + ", timeout=" + timeout + ", snapshots=" + snapshots
                    + ", writerLease=" + writerLease + ", advertisedUrl=" + advertisedUrl + "]";
        }
    }

    /**
     * The living archive: {@code adminToken} turns on the API that adds and removes articles (off when
     * null); {@code feeds} are RSS/Atom URLs polled every {@code feedInterval}, their new items stored in
     * the corpus folder.
     */
    public record Archive(String adminToken, List<URI> feeds, Duration feedInterval, Set<String> feedsAllow) {
        public boolean adminEnabled() {
            return adminToken != null && !adminToken.isBlank();
        }

        /** Without the token, for the same reason as {@link Llm#toString()}. */
        @Override
        public String toString() {
            return "Archive[adminToken=" + (adminEnabled() ? "***" : "unset") + ", feeds=" + feeds
                    + ", feedInterval=" + feedInterval + "]";
        }
    }

    /**
     * How {@code ask} prints for a person: wrapped to {@code columns} ($COLUMNS, else 80), in colour unless
     * $NO_COLOR is set (and only when printing to a terminal, which the command checks itself).
     */
    public record Terminal(int columns, boolean noColor) {
    }

    /**
     * What the server takes on, so that overload and hostile clients cannot exhaust it: {@code answering}
     * questions answered at once and {@code waiting} more queued (beyond that: 503 with Retry-After at
     * once); {@code connections} open at once and {@code connectionsPerAddress} from one client address
     * (beyond either: closed at once); a connection idle for {@code idleTimeout}, or not sending a whole
     * request head within {@code headerTimeout} of opening or of its last request, is closed.
     */
    public record Limits(int answering, int waiting, int connections, int connectionsPerAddress,
                         Duration idleTimeout, Duration headerTimeout) {
    }

    /**
     * The optional chat model; {@code backend} is "none", "openai" or "ollama". {@code prompts} is the
     * folder of prompt templates (system.txt, answer.txt, condense.txt), read only when a model is set.
     */
    public record Llm(String backend, String baseUrl, String apiKey, String model, Duration timeout, int maxRetries,
                      Path prompts) {
        public boolean enabled() {
            return !"none".equals(backend);
        }

        /** Without the API key: settings end up in logs and error reports. */
        @Override
        public String toString() {
            return "Llm[backend=" + backend + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
                    + ", model=" + model + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", prompts=" + prompts + "]";
        }
    }

    /**
     * Slack app credentials; the Slack routes are off without a signing secret. {@code feedbackFile} is
     * the append-only JSONL log of 👍/👎 clicks on answers, {@code greetedFile} the channels the bot has
     * greeted (one id a line), so that it greets each once.
     */
    public record Slack(String signingSecret, String botToken, String apiUrl, boolean commandAnswersInChannel,
                        int workers, int queuePerWorker, Path feedbackFile, Path greetedFile) {
        public boolean enabled() {
            return signingSecret != null && !signingSecret.isBlank();
        }

        /** Without the secret and the token, for the same reason as {@link Llm#toString()}. */
        @Override
        public String toString() {
            return "Slack[signingSecret=" + (enabled() ? "***" : "unset") + ", botToken=" + (botToken == null ? "unset" : "***")
                    + ", apiUrl=" + apiUrl + ", commandAnswersInChannel=" + commandAnswersInChannel + ", workers=" + workers
                    + ", queuePerWorker=" + queuePerWorker + ", feedbackFile=" + feedbackFile + ", greetedFile=" + greetedFile + "]";
        }
    }

    /** The process environment with {@code overrides} (from flags) on top. */
    public static Settings fromEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(overrides);
        return from(env);
    }

    public static Settings from(Map<String, String> env) {
        Function<String, String> get = env::get;
        String backend = or(get, "NEWSDESK_LLM", "none").toLowerCase();
        if (!backend.matches("none|openai|ollama")) {
            throw new NewsdeskException("NEWSDESK_LLM='" + backend + "' is not known; use none, openai or ollama.");
        }
        String llmBaseUrl = "ollama".equals(backend)
                ? or(get, "OLLAMA_BASE_URL", "http://localhost:11434")
                : or(get, "OPENAI_BASE_URL", "https://api.openai.com/v1");
        return new Settings(
                Path.of(or(get, "NEWSDESK_CORPUS", "seeds")),
                Path.of(or(get, "NEWSDESK_INDEX", "data/index")),
                or(get, "NEWSDESK_EMBEDDING_MODEL", "all-minilm-l6-v2-q"),
                integer(get, "NEWSDESK_TOP_K", 8),
                Optional.ofNullable(or(get, "NEWSDESK_SCORER", null)).map(Path::of).orElse(null),
                integer(get, "NEWSDESK_MAX_QUESTION_CHARS", 2000),
                integer(get, "NEWSDESK_MAX_CONVERSATIONS", 10_000),
                Duration.ofMinutes(integer(get, "NEWSDESK_CONVERSATION_IDLE_MINUTES", 60)),
                Path.of(or(get, "NEWSDESK_CONVERSATIONS", "data/conversations")),
                or(get, "NEWSDESK_HOST", "127.0.0.1"),
                integer(get, "NEWSDESK_PORT", 7070),
                new Llm(backend, llmBaseUrl, get.apply("OPENAI_API_KEY"),
                        or(get, "NEWSDESK_LLM_MODEL", "ollama".equals(backend) ? "llama3.2" : "gpt-4o-mini"),
                        Duration.ofSeconds(integer(get, "NEWSDESK_LLM_TIMEOUT_SECONDS", 30)),
                        integer(get, "NEWSDESK_LLM_MAX_RETRIES", 1),
                        Path.of(or(get, "NEWSDESK_PROMPTS", "prompts"))),
                new Slack(get.apply("SLACK_SIGNING_SECRET"), get.apply("SLACK_BOT_TOKEN"),
                        or(get, "NEWSDESK_SLACK_API_URL", "https://slack.com/api/"),
                        Boolean.parseBoolean(or(get, "NEWSDESK_SLACK_COMMAND_IN_CHANNEL", "false")),
                        integer(get, "NEWSDESK_SLACK_WORKERS", 4),
                        integer(get, "NEWSDESK_SLACK_QUEUE_PER_WORKER", 25),
                        Path.of(or(get, "NEWSDESK_FEEDBACK_FILE", "data/feedback.jsonl")),
                        Path.of(or(get, "NEWSDESK_SLACK_GREETED_FILE", "data/slack-greeted.txt"))),
                new Archive(get.apply("NEWSDESK_ADMIN_TOKEN"), urls("NEWSDESK_FEEDS", or(get, "NEWSDESK_FEEDS", "")),
                        Duration.ofMinutes(positive(get, "NEWSDESK_FEED_MINUTES", 15)),
                        hosts(or(get, "NEWSDESK_FEEDS_ALLOW", ""))),
                // no-color.org: any non-empty NO_COLOR turns colour off.
                new Terminal(integer(get, "COLUMNS", 80), or(get, "NO_COLOR", null) != null),
                new Limits(
                        integer(get, "NEWSDESK_MAX_ANSWERING", Runtime.getRuntime().availableProcessors()),
                        integer(get, "NEWSDESK_MAX_WAITING", 32),
                        integer(get, "NEWSDESK_MAX_CONNECTIONS", 1000),
                        integer(get, "NEWSDESK_MAX_CONNECTIONS_PER_ADDRESS", 100),
                        Duration.ofSeconds(integer(get, "NEWSDESK_IDLE_TIMEOUT_SECONDS", 30)),
                        Duration.ofSeconds(integer(get, "NEWSDESK_HEADER_TIMEOUT_SECONDS", 10))),
                store(get),
                reading(get),
                new ArticleLimits(positive(get, "NEWSDESK_MAX_ARTICLE_MB", 4) * 1_000_000L,
                        positive(get, "NEWSDESK_MAX_ARTICLE_SENTENCES", 2000)),
                tuning(get),
                signIn(get));
    }

    private static SignIn signIn(Function<String, String> get) {
        String issuer = or(get, "NEWSDESK_OIDC_ISSUER", null);
        String clientId = or(get, "NEWSDESK_OIDC_CLIENT_ID", null);
        if (issuer != null && clientId == null) {
            throw new NewsdeskException("NEWSDESK_OIDC_ISSUER is set but NEWSDESK_OIDC_CLIENT_ID is not; set the id the"
                    + " issuer gave this application (and NEWSDESK_OIDC_CLIENT_SECRET), or unset the issuer to turn"
                    + " sign-in off.");
        }
        if (issuer != null && !issuer.matches("(?i)https?://\\S+")) {
            throw new NewsdeskException("NEWSDESK_OIDC_ISSUER='" + issuer + "' is not an http(s) URL; e.g."
                    + " https://accounts.google.com or https://login.microsoftonline.com/<tenant>/v2.0");
        }
        return new SignIn(issuer, clientId, or(get, "NEWSDESK_OIDC_CLIENT_SECRET", null),
                or(get, "NEWSDESK_OIDC_AUDIENCE", clientId), or(get, "NEWSDESK_OIDC_GROUPS_CLAIM", "groups"),
                or(get, "NEWSDESK_PUBLIC_URL", null),
                Duration.ofHours(positive(get, "NEWSDESK_SESSION_HOURS", 8)),
                Optional.ofNullable(or(get, "NEWSDESK_ACCESS_FILE", null)).map(Path::of).orElse(null));
    }

    private static Tuning tuning(Function<String, String> get) {
        return new Tuning(fraction(get, "NEWSDESK_RECENCY_WEIGHT", "0.5"),
                Duration.ofHours(positive(get, "NEWSDESK_SAME_STORY_HOURS", 24)),
                fraction(get, "NEWSDESK_FURNITURE_SHARE", "0.02"),
                fraction(get, "NEWSDESK_SAME_STATEMENT_OVERLAP", "0.75"),
                fraction(get, "NEWSDESK_LLM_MIN_SUPPORT", "0.35"),
                fraction(get, "NEWSDESK_LLM_OVERLAP_SHARE", "0.5"));
    }

    /** A number from 0 to 1. */
    private static double fraction(Function<String, String> env, String name, String fallback) {
        String value = or(env, name, fallback);
        try {
            double fraction = Double.parseDouble(value);
            if (fraction >= 0 && fraction <= 1) {
                return fraction;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new NewsdeskException(name + "='" + value + "' is not a number from 0 to 1; e.g. " + name + "=" + fallback);
    }

    private static Reading reading(Function<String, String> get) {
        String reader = or(get, "NEWSDESK_READER", "on").toLowerCase();
        if (!reader.matches("on|off")) {
            throw new NewsdeskException("NEWSDESK_READER='" + reader + "' is not known; use on or off.");
        }
        return new Reading("on".equals(reader), positive(get, "NEWSDESK_READER_PASSAGES", 3),
                positive(get, "NEWSDESK_READER_WINDOW_TOKENS", 192), integer(get, "NEWSDESK_READER_OVERLAP_TOKENS", 64),
                Optional.ofNullable(or(get, "NEWSDESK_READER_MODEL", null)).map(Path::of).orElse(null),
                positive(get, "NEWSDESK_SHORT_ANSWER_WORDS", 10));
    }

    private static Store store(Function<String, String> get) {
        String kind = or(get, "NEWSDESK_STORE", "lucene").toLowerCase();
        if (!kind.matches("lucene|opensearch")) {
            throw new NewsdeskException("NEWSDESK_STORE='" + kind + "' is not known; use lucene or opensearch.");
        }
        String prefix = or(get, "OPENSEARCH_INDEX", "newsdesk");
        if (!prefix.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new NewsdeskException("OPENSEARCH_INDEX='" + prefix + "' is not a valid index name prefix; use"
                    + " lower-case letters, digits, '-' and '_'.");
        }
        return new Store(kind, urls("OPENSEARCH_URL", or(get, "OPENSEARCH_URL", "http://127.0.0.1:9200")),
                get.apply("OPENSEARCH_USER"), get.apply("OPENSEARCH_PASSWORD"),
                Optional.ofNullable(or(get, "OPENSEARCH_CA_FILE", null)).map(Path::of).orElse(null),
                prefix,
                positive(get, "OPENSEARCH_SHARDS", 1),
                integer(get, "OPENSEARCH_REPLICAS", 1),
                Duration.ofSeconds(positive(get, "OPENSEARCH_TIMEOUT_SECONDS", 5)),
                Optional.ofNullable(or(get, "OPENSEARCH_SNAPSHOT_LOCATION", null)).map(Path::of).orElse(null),
                Duration.ofSeconds(positive(get, "NEWSDESK_WRITER_LEASE_SECONDS", 15)),
                or(get, "NEWSDESK_PUBLIC_URL", null));
    }

    /** The host names of a comma-separated list (the fetcher compares them in any case). */
    private static Set<String> hosts(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The http(s) URLs of a comma-separated list in variable {@code name}. */
    private static List<URI> urls(String name, String list) {
        List<URI> urls = new ArrayList<>();
        for (String url : list.split(",")) {
            if (url.isBlank()) {
                continue;
            }
            try {
                URI uri = new URI(url.strip());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new URISyntaxException(url, "not http or https");
                }
                urls.add(uri);
            } catch (URISyntaxException e) {
                throw new NewsdeskException(name + " has '" + url.strip() + "', which is not an http(s) URL;"
                        + " list URLs separated by commas.");
            }
        }
        return List.copyOf(urls);
    }

    private static String or(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int positive(Function<String, String> env, String name, int fallback) {
        int value = integer(env, name, fallback);
        if (value < 1) {
            throw new NewsdeskException(name + "=" + value + " must be at least 1.");
        }
        return value;
    }

    private static int integer(Function<String, String> env, String name, int fallback) {
        String value = or(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new NewsdeskException(name + "='" + value + "' is not a whole number; fix or unset it.");
        }
    }
}
