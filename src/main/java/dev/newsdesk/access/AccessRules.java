package dev.newsdesk.access;

import dev.newsdesk.ingest.Article;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The access file as read: which organisations may sign in at all ({@code domains}: the issuer's hosted
 * domain or the verified email's), which collections everyone signed in, each group and each person (by
 * verified email) may read; what each Slack channel and direct messages answer from; which admin tokens may write where.
 * A name it does not know, or a collection that is not a valid name, is an error that says where: a typo
 * must never silently open or close a collection. Without a file, everyone signed in, every channel and
 * direct messages read {@code default}, and only {@code NEWSDESK_ADMIN_TOKEN} writes. In a channel the
 * bot answers when mentioned, unless the file sets the channel's {@code mention_only: false}: then it
 * answers every question asked there.
 */
record AccessRules(Set<String> domains, Scope everyone, Map<String, Scope> groups, Map<String, Scope> people,
                   Map<String, Access.Channel> channels, Scope otherChannels, Scope directMessages,
                   Map<String, Scope> adminTokens) {

    static final Scope DEFAULT = Scope.of(Set.of(Article.Meta.DEFAULT_COLLECTION));
    static final AccessRules DEFAULTS = new AccessRules(Set.of(), DEFAULT, Map.of(), Map.of(), Map.of(), DEFAULT, DEFAULT,
            Map.of());
    private static final Set<String> TOP = Set.of("domains", "everyone", "groups", "people", "slack", "admin_tokens");
    private static final Set<String> SLACK = Set.of("channels", "other_channels", "direct_messages");
    private static final Set<String> CHANNEL = Set.of("collections", "mention_only");
    private static final Set<String> TOKEN = Set.of("sha256", "collections");

    /** Thrown for a file that cannot be read as access rules; the message says what to fix. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * What {@code person} reads. With {@code domains} set, someone of another organisation (an issuer such
     * as Google signs in anyone with an account) reads nothing at all.
     */
    Scope reader(Person person) {
        if (!domains.isEmpty() && (person.domain() == null || !domains.contains(person.domain()))) {
            return Scope.NONE;
        }
        Scope scope = everyone;
        for (String group : person.groups()) {
            scope = scope.union(groups.getOrDefault(group, Scope.NONE));
        }
        if (person.email() != null) {
            scope = scope.union(people.getOrDefault(person.email().toLowerCase(Locale.ROOT), Scope.NONE));
        }
        return scope;
    }

    Access.Channel channel(String id) {
        return channels.getOrDefault(id == null ? "" : id, new Access.Channel(otherChannels, true));
    }

    Optional<Scope> adminToken(String token) {
        return Optional.ofNullable(adminTokens.get(sha256(token)));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static AccessRules parse(String yaml) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new Invalid("it is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null) {
            return DEFAULTS;
        }
        Map<String, Object> top = map(root, "the file", TOP);
        Map<String, Object> slack = top.containsKey("slack") ? map(top.get("slack"), "slack", SLACK) : Map.of();
        Map<String, Access.Channel> channels = new LinkedHashMap<>();
        map(slack.getOrDefault("channels", Map.of()), "slack.channels", null).forEach((id, rule) -> {
            String where = "slack.channels." + id;
            Map<String, Object> fields = rule instanceof List<?> ? Map.of("collections", rule) : map(rule, where, CHANNEL);
            Object mentionOnly = fields.getOrDefault("mention_only", true);
            if (!(mentionOnly instanceof Boolean)) {
                throw new Invalid(where + ".mention_only must be true or false");
            }
            channels.put(id, new Access.Channel(scope(fields.getOrDefault("collections", List.of()), where + ".collections"),
                    (Boolean) mentionOnly));
        });
        Map<String, Scope> tokens = new LinkedHashMap<>();
        Object tokenList = top.getOrDefault("admin_tokens", List.of());
        if (!(tokenList instanceof List<?> list)) {
            throw new Invalid("admin_tokens must be a list of {sha256, collections}");
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "admin_tokens[" + i + "]";
            Map<String, Object> token = map(list.get(i), where, TOKEN);
            if (!(token.get("sha256") instanceof String digest) || !digest.strip().matches("(?i)[0-9a-f]{64}")) {
                throw new Invalid(where + ".sha256 must be the token's SHA-256 in hex (printf %s \"$TOKEN\" | sha256sum)");
            }
            tokens.put(digest.strip().toLowerCase(Locale.ROOT), scope(token.getOrDefault("collections", List.of()),
                    where + ".collections"));
        }
        return new AccessRules(domains(top.getOrDefault("domains", List.of())),
                top.containsKey("everyone") ? scope(top.get("everyone"), "everyone") : DEFAULT,
                scopes(top.getOrDefault("groups", Map.of()), "groups", false),
                scopes(top.getOrDefault("people", Map.of()), "people", true),
                Map.copyOf(channels),
                slack.containsKey("other_channels") ? scope(slack.get("other_channels"), "slack.other_channels") : DEFAULT,
                slack.containsKey("direct_messages") ? scope(slack.get("direct_messages"), "slack.direct_messages") : DEFAULT,
                Map.copyOf(tokens));
    }

    private static Set<String> domains(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(d -> d instanceof String s && s.contains("."))) {
            throw new Invalid("domains must be a list of the organisation's domains, e.g. [example.org]");
        }
        return list.stream().map(d -> ((String) d).strip().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static Map<String, Scope> scopes(Object value, String where, boolean lowerCaseKeys) {
        Map<String, Scope> scopes = new LinkedHashMap<>();
        map(value, where, null).forEach((key, list) -> scopes.put(lowerCaseKeys ? key.toLowerCase(Locale.ROOT) : key,
                scope(list, where + "." + key)));
        return Map.copyOf(scopes);
    }

    /** A list of collection names; "*" is every collection. */
    private static Scope scope(Object value, String where) {
        if (!(value instanceof List<?> names)) {
            throw new Invalid(where + " must be a list of collections, e.g. [default, regional], or [\"*\"] for all");
        }
        Set<String> collections = new TreeSet<>();
        List<String> bad = new ArrayList<>();
        for (Object name : names) {
            if ("*".equals(name)) {
                return Scope.ALL;
            }
            Optional<String> valid = name instanceof String s ? Article.Meta.collectionName(s) : Optional.empty();
            valid.ifPresentOrElse(collections::add, () -> bad.add(String.valueOf(name)));
        }
        if (!bad.isEmpty()) {
            throw new Invalid(where + " names " + bad + ", not collections: a collection is 1 to 64 letters, digits,"
                    + " - or _ (a first-level folder of the corpus)");
        }
        return Scope.of(collections);
    }

    private static Map<String, Object> map(Object value, String where, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Invalid(where + " must be a map of 'key: value' lines");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, v) -> fields.put(String.valueOf(key), v));
        if (allowed != null) {
            List<String> unknown = fields.keySet().stream().filter(k -> !allowed.contains(k)).toList();
            if (!unknown.isEmpty()) {
                throw new Invalid(where + " has " + unknown + ", which it does not know; it may have "
                        + new TreeSet<>(allowed));
            }
        }
        return fields;
    }
}
