package dev.newsdesk.ingest;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads every {@code .txt}, {@code .md} and {@code .html} file of a corpus folder: text files with their
 * front matter when they have one ({@link FrontMatter}), pages through {@link HtmlArticle}. A file that is
 * binary or not UTF-8, or that leads outside the folder ({@link CorpusBoundary}), is skipped with a warning
 * so that one bad file never stops the rest from being indexed.
 */
public final class CorpusLoader {

    private final Consumer<String> warnings;
    private final long maxBytes;
    private final SkippedArticles skipped;

    /** A loader with no size limit that keeps its skipped files to itself (tools and tests). */
    public CorpusLoader(Consumer<String> warnings) {
        this(warnings, Long.MAX_VALUE, new SkippedArticles());
    }

    /** A loader that skips files of more than {@code maxBytes}, and records every file it skips in {@code skipped}. */
    public CorpusLoader(Consumer<String> warnings, long maxBytes, SkippedArticles skipped) {
        this.warnings = warnings;
        this.maxBytes = maxBytes;
        this.skipped = skipped;
    }

    public List<Article> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new NewsdeskException("Corpus folder '" + folder + "' does not exist or is not a folder;"
                    + " pass --corpus DIR or set NEWSDESK_CORPUS to a folder of .txt/.md articles.");
        }
        List<String> names;
        CorpusBoundary boundary;
        try {
            names = articleNames(folder);
            boundary = new CorpusBoundary(folder, warnings);
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read corpus folder '" + folder + "': " + e.getMessage()
                    + "; check its permissions.", e);
        }
        List<Article> articles = new ArrayList<>();
        for (String name : names) {
            try {
                if (boundary.admits(folder.resolve(name))) {
                    read(folder, name).ifPresent(articles::add);
                }
            } catch (IOException e) {
                warnings.accept("skipped " + name + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        if (articles.isEmpty()) {
            throw new NewsdeskException("Corpus folder '" + folder + "' has no readable .txt, .md or .html articles;"
                    + " add UTF-8 text files (first line is the title) or point --corpus elsewhere.");
        }
        return articles;
    }

    /**
     * The names of the article files of {@code folder}, sorted: those at its top ("memo.md") and those in
     * its first-level subfolders, each a collection ("investigations/memo.md"); hidden files and folders
     * (temporary files being written) are left out.
     */
    public static List<String> articleNames(Path folder) throws IOException {
        try (Stream<Path> listing = Files.walk(folder, 2)) {
            return listing.filter(CorpusLoader::isArticleFile)
                    .map(p -> folder.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(CorpusLoader::isArticleKey).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a folder that could not be listed while walking
        }
    }

    /** A name {@link #articleNames} can give: an article file at the top or one folder down, nothing hidden. */
    public static boolean isArticleKey(String name) {
        String[] parts = name.split("/", -1);
        return parts.length <= 2 && Arrays.stream(parts).noneMatch(p -> p.isEmpty() || p.startsWith("."))
                && isArticleName(parts[parts.length - 1]);
    }

    /** A file the corpus reads: not hidden (temporary files being written are), with an article extension. */
    public static boolean isArticleFile(Path p) {
        return Files.isRegularFile(p) && isArticleName(p.getFileName().toString());
    }

    public static boolean isArticleName(String fileName) {
        String name = fileName.toLowerCase();
        return !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".md") || isHtml(name));
    }

    private static boolean isHtml(String name) {
        return name.endsWith(".html") || name.endsWith(".htm");
    }

    /**
     * The article in file {@code name} of {@code folder}, read as {@link #load} reads it; empty (with a
     * warning where there is something to say) when it is gone, not an article file, or not readable text.
     */
    public Optional<Article> readOne(Path folder, String name) throws IOException {
        Path file = folder.resolve(name);
        if (!isArticleKey(name) || !isArticleFile(file) || !new CorpusBoundary(folder, warnings).admits(file)) {
            skipped.clear(name);
            return Optional.empty();
        }
        return read(folder, name);
    }

    /**
     * The article in file {@code name} of {@code folder}. A subfolder's name is the collection of the
     * articles in it, whatever their front matter says: who may read a file follows where it was put.
     */
    private Optional<Article> read(Path folder, String name) throws IOException {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return readFile(folder.resolve(name), name);
        }
        String folderName = name.substring(0, slash);
        Optional<String> collection = Article.Meta.collectionName(folderName);
        if (collection.isEmpty()) {
            return skip(name, "the folder '" + folderName + "' is not a collection name; rename it to 1 to 64"
                    + " letters, digits, - or _");
        }
        return readFile(folder.resolve(name), name).map(article -> article.inCollection(collection.get()));
    }

    private Optional<Article> readFile(Path file, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // At most one byte past the limit is read, however large the file (or however it grows meanwhile).
            bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 9) + 1);
        }
        if (bytes.length > maxBytes) {
            return skip(name, String.format("%.1f MB, over the limit of %.1f MB an article may have"
                    + " (NEWSDESK_MAX_ARTICLE_MB); split it into articles", Files.size(file) / 1e6, maxBytes / 1e6));
        }
        String text;
        try {
            // Strict decoding: a lenient decoder would replace bad bytes and quotes would stop being verbatim.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return skip(name, "not UTF-8 text; convert it with iconv -t UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            return skip(name, "looks binary (NUL bytes)");
        }
        if (text.isBlank()) {
            return skip(name, "empty file");
        }
        Article article;
        try {
            article = isHtml(name.toLowerCase()) ? HtmlArticle.read(name, text, sha256(bytes), "")
                    : FrontMatter.read(name, text, sha256(bytes), warnings);
        } catch (IllegalArgumentException e) {
            return skip(name, "its front matter names a collection that is not a valid name; use 1 to 64"
                    + " letters, digits, - or _");
        }
        skipped.readable(name);
        return Optional.of(article);
    }

    private Optional<Article> skip(String name, String reason) {
        skipped.skipped(name, reason);
        warnings.accept("skipped " + name + ": " + reason);
        return Optional.empty();
    }

    static String title(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("")
                .replaceFirst("^[•*\\-–]+\\s*", "");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
