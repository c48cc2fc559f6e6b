package dev.newsdesk.index;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Keeps a plain-file copy of a model that ships inside a jar. Inflating 90 MB out of the jar costs
 * most of a second on every start; ONNX Runtime reads an ordinary file much faster. The copy lives in
 * the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then newsdesk/), named after the jar entry's
 * CRC, so a new model version gets a new file and a half-written copy is never used.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** A file holding {@code resource}, or empty when it cannot be had (the caller then reads the stream). */
    public static Optional<Path> localCopy(String resource) {
        URL url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new NewsdeskException("The model " + resource + " is missing from the classpath;"
                    + " rebuild the jar with 'mvn package'.");
        }
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return "file".equals(url.getProtocol()) ? Optional.of(Path.of(url.toURI())) : Optional.empty();
            }
            JarEntry entry = jar.getJarEntry();
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            Path copy = cacheFolder().resolve(Long.toHexString(entry.getCrc()) + "-" + name);
            if (!Files.isRegularFile(copy) || Files.size(copy) != entry.getSize()) {
                Files.createDirectories(copy.getParent());
                Path partial = Files.createTempFile(copy.getParent(), name, ".part");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Optional.of(copy);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // A read-only home or an odd class loader only costs speed: fall back to the stream.
            return Optional.empty();
        }
    }

    private static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("newsdesk");
    }
}
