package dev.newsdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small corpus about people and things that exist nowhere else, so that a test's answers can only
 * come from it: two people with the same kinds of facts, told apart only by who the question means.
 */
public final class FictionalCorpus {

    private FictionalCorpus() {
    }

    /** Writes the articles into a new temporary folder and returns it. */
    public static Path write() {
        Path folder = TestEngines.tempDir("newsdesk-fictional-corpus");
        try {
            Files.writeString(folder.resolve("drones.txt"), """
                    Island post switches to cargo drones

                    The Brannock postal service has bought forty Kestrel cargo drones to reach the outer islands.
                    Its head of logistics, Tobias Wren, said the first deliveries would start in June.
                    Tobias Wren worked for a shipping firm in Hamburg for eleven years before he joined the service.
                    Each drone can fly 85 kilometres on one charge, according to the maker.
                    """);
            Files.writeString(folder.resolve("observatory.txt"), """
                    Brannock observatory opens its new dome

                    Margit Halvorsen, the director of the Brannock observatory, opened the new dome on Tuesday.
                    Margit Halvorsen worked at a mountain observatory in Chile for six years before she came home.
                    The dome houses a telescope that local schools will be able to book from September.
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
