package dev.newsdesk.answer;

import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises the same statement in different articles (wire copy and quotes are reprinted with small
 * changes of attribution and quote marks), so that an answer states it once and cites every report.
 */
final class SameStatement {

    private static final double OVERLAP = 0.75;
    private static final int MIN_WORDS = 6;

    private final ChunkIndex index;

    SameStatement(ChunkIndex index) {
        this.index = index;
    }

    boolean test(Sentence a, Sentence b) {
        Set<String> wa = words(a.text());
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
        for (ChunkIndex.Hit hit : index.bm25(sentence.text(), 12)) {
            StoredChunk chunk = hit.chunk();
            if (files.contains(chunk.file())) {
                continue;
            }
            chunk.sentences().stream().filter(s -> test(sentence, s)).findFirst().ifPresent(s -> {
                found.add(s);
                files.add(s.file());
            });
        }
        return found;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[’‘`]", "'").split("[^\\p{L}\\p{N}']+"))
                .map(w -> w.replaceAll("^'+|'+$", ""))
                .filter(w -> w.length() > 1)
                .collect(Collectors.toSet());
    }
}
