package dev.newsdesk.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Keeps reading inside the corpus folder: a file is admitted only when it is a regular file whose real
 * path (links resolved) lies inside the folder's real path. A link to {@code /etc/passwd} named like an
 * article would otherwise be indexed, quoted in answers and served as a source.
 */
final class CorpusBoundary {

    private final Path root;
    private final Consumer<String> warnings;

    /** {@code folder} must exist. */
    CorpusBoundary(Path folder, Consumer<String> warnings) throws IOException {
        this.root = folder.toRealPath();
        this.warnings = warnings;
    }

    /** True when {@code file} may be read; otherwise says why it is skipped, once per call. */
    boolean admits(Path file) {
        String name = file.getFileName().toString();
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            warnings.accept("skipped " + name + ": cannot resolve where it points (" + e.getMessage() + ")");
            return false;
        }
        if (!real.startsWith(root)) {
            warnings.accept("skipped " + name + ": it is a link to a file outside the corpus folder;"
                    + " copy the article into the folder instead");
            return false;
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            warnings.accept("skipped " + name + ": not a regular file");
            return false;
        }
        return true;
    }
}
