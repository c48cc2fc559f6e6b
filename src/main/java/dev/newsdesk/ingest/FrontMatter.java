package dev.newsdesk.ingest;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The front-matter block static site generators put at the top of a Markdown or text file: a line
 * {@code ---}, YAML, a line {@code ---} (or {@code ...}). Only {@code title}, {@code url},
 * {@code source}, {@code published}, {@code author} and {@code collection} are read; other keys are left alone.
 */
final class FrontMatter {

    private static final Pattern OPENING = Pattern.compile("\\A---[ \\t]*\\r?\\n");
    private static final Pattern CLOSING = Pattern.compile("^(---|\\.\\.\\.)[ \\t]*(\\r?\\n|\\z)", Pattern.MULTILINE);

    private FrontMatter() {
    }

    /** The article of a text file, with its front matter read when it has one. */
    static Article read(String file, String text, String sha256, Consumer<String> warnings) {
        Matcher opening = OPENING.matcher(text);
        Matcher closing = CLOSING.matcher(text);
        if (!opening.find() || !closing.find(opening.end())) {
            return new Article(file, CorpusLoader.title(text), text, sha256);
        }
        Map<?, ?> fields = fields(text.substring(opening.end(), closing.start()), file, warnings);
        Article.Meta meta = new Article.Meta(field(fields, "title"), field(fields, "url"), field(fields, "source"),
                published(field(fields, "published"), file, warnings), field(fields, "author"),
                field(fields, "collection"));
        int bodyStart = closing.end();
        String title = meta.title() != null ? meta.title() : CorpusLoader.title(text.substring(bodyStart));
        return new Article(file, title, text, sha256, meta, bodyStart);
    }

    private static Map<?, ?> fields(String yaml, String file, Consumer<String> warnings) {
        try {
            Object parsed = strictStrings().load(yaml);
            if (parsed instanceof Map<?, ?> map) {
                return map;
            }
            if (parsed != null) {
                warnings.accept(file + ": front matter is not a list of 'key: value' lines; metadata ignored");
            }
        } catch (YAMLException e) {
            warnings.accept(file + ": front matter is not valid YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + "); metadata ignored");
        }
        return Map.of();
    }

    /**
     * A safe YAML reader that leaves every scalar a string: YAML would otherwise turn
     * {@code published: 2024-05-22} into a midnight timestamp and lose that only a date was given.
     */
    private static Yaml strictStrings() {
        Resolver noImplicitTypes = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                // none: plain scalars stay strings
            }
        };
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, noImplicitTypes);
    }

    private static String field(Map<?, ?> fields, String key) {
        Object value = fields.get(key);
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static String published(String value, String file, Consumer<String> warnings) {
        String valid = Published.valid(value);
        if (value != null && valid == null) {
            warnings.accept(file + ": published '" + value + "' is not an ISO date (2024-05-22 or"
                    + " 2024-05-22T14:05:00Z); the date is unknown");
        }
        return valid;
    }
}
