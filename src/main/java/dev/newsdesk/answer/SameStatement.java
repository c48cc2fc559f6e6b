package dev.newsdesk.answer;

import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises the same statement in different articles (wire copy and quotes are reprinted with small
 * changes of attribution and quote marks), so that an answer states it once and cites every report.
 */
final class SameStatement {

    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern EDGE_QUOTES = Pattern.compile("^'+|'+$");
    private static final double OVERLAP = 0.75;
    private static final int MIN_WORDS = 6;

    private final ChunkIndex index;

    SameStatement(ChunkIndex index) {
        this.index = index;
    }

    boolean test(Sentence a, Sentence b) {
        return test(a, words(a.text()), b);
    }

    private static boolean test(Sentence a, Set<String> wa, Sentence b) {
        Set<String> wb = words(b.text());
        if (Math.min(wa.size(), wb.size()) < MIN_WORDS) {
            return a.text().equals(b.text());
        }
        Set<String> common = new HashSet<>(wa);
        common.retainAll(wb);
        return common.size() >= OVERLAP * Math.min(wa.size(), wb.size());
    }

    /** {@code sentence} and the sentences of other articles that make the same statement, one per file. */
    List<Sentence> across(Sentence sentence) {
        List<Sentence> found = new ArrayList<>(List.of(sentence));
        Set<String> files = new HashSet<>(Set.of(sentence.file()));
        Set<String> words = words(sentence.text());
        // Only the best two chunks of each other article can hold its copy of the statement.
        Map<String, Integer> perFile = new HashMap<>();
        List<String> ids = index.bm25(sentence.text(), 12).stream()
                .filter(hit -> !hit.file().equals(sentence.file()) && perFile.merge(hit.file(), 1, Integer::sum) <= 2)
                .map(ChunkIndex.Hit::id).toList();
        for (StoredChunk chunk : index.byIds(ids)) {
            if (files.contains(chunk.file())) {
                continue;
            }
            chunk.sentences().stream().filter(s -> test(sentence, words, s)).findFirst().ifPresent(s -> {
                found.add(s);
                files.add(s.file());
            });
        }
        return found;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(NON_WORD.split(APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("'")))
                .map(w -> EDGE_QUOTES.matcher(w).replaceAll(""))
                .filter(w -> w.length() > 1)
                .collect(Collectors.toSet());
    }
}
