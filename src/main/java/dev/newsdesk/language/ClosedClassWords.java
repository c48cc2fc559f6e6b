package dev.newsdesk.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The closed-class English words of {@code closed-class-words.properties} (its header names
 * the source), by class. Closed classes are the grammar's own small word lists, so reading a
 * question's shape with them works for any corpus.
 */
public final class ClosedClassWords {

    private static final String RESOURCE = "closed-class-words.properties";

    private final Properties classes;
    private final Set<String> all = new HashSet<>();

    private ClosedClassWords(Properties classes) {
        this.classes = classes;
        classes.stringPropertyNames().forEach(name -> all.addAll(of(name)));
    }

    public static ClosedClassWords load() {
        Properties classes = new Properties();
        try (InputStream in = ClosedClassWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            classes.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClosedClassWords(classes);
    }

    /** The words of class {@code name}, e.g. "person". */
    public Set<String> of(String name) {
        String words = classes.getProperty(name);
        if (words == null) {
            throw new IllegalArgumentException("no word class '" + name + "' in " + RESOURCE);
        }
        return Set.copyOf(Arrays.asList(words.strip().split("\\s+")));
    }

    /** Whether {@code word} belongs to any closed class, whatever its case. */
    public boolean contains(String word) {
        return all.contains(word.toLowerCase(Locale.ROOT));
    }
}
