package dev.newsdesk.answer;

import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the same statement in different articles (wire copy and quotes are reprinted with small
 * changes of attribution and quote marks), so that an answer states it once and cites every report.
 * Two sentences make the same statement when most of the analysed terms of the shorter one are in
 * the other; the index keeps every sentence's terms, so comparing costs no analysis.
 */
public final class SameStatement {

    /** Sentences with fewer analysed terms than this are too short to compare by terms: only equal text is the same. */
    private static final int MIN_TERMS = 5;
    /** The rarest terms of a sentence find its copies; common ones only slow the search down. */
    private static final int QUERY_TERMS = 8;

    private final ChunkStore index;
    /** The share of the shorter sentence's terms the other must hold (NEWSDESK_SAME_STATEMENT_OVERLAP). */
    private final double overlap;

    public SameStatement(ChunkStore index, double overlap) {
        this.index = index;
        this.overlap = overlap;
    }

    boolean test(Sentence a, Sentence b) {
        return same(a, terms(a), b, terms(b));
    }

    private boolean same(Sentence a, Set<String> ta, Sentence b, Set<String> tb) {
        if (Math.min(ta.size(), tb.size()) < MIN_TERMS) {
            return a.text().equals(b.text());
        }
        // Figures and names carry a statement: "employs 5108" and "employs 6104" are two facts however
        // many words they share, so every number and capitalised word of the shorter must be in the other.
        Set<String> shorter = ta.size() <= tb.size() ? ta : tb;
        Set<String> longer = shorter == ta ? tb : ta;
        Sentence shorterSentence = shorter == ta ? a : b;
        if (!longer.containsAll(specifics(shorterSentence, shorter))) {
            return false;
        }
        Set<String> common = new HashSet<>(ta);
        common.retainAll(tb);
        return common.size() >= overlap * shorter.size();
    }

    /**
     * True when {@code a} and {@code b} say the same thing with other figures ("employs 5108 people" and
     * "employs 6104 people"): two reports that disagree, not two facts.
     */
    boolean disagree(Sentence a, Sentence b) {
        Set<String> ta = terms(a);
        Set<String> tb = terms(b);
        if (Math.min(ta.size(), tb.size()) < MIN_TERMS) {
            return false;
        }
        Set<String> numbersA = numbers(ta);
        Set<String> numbersB = numbers(tb);
        Set<String> common = new HashSet<>(ta);
        common.retainAll(tb);
        return !numbersA.isEmpty() && !numbersB.isEmpty() && !numbersA.equals(numbersB)
                && common.size() + Math.max(numbersA.size(), numbersB.size()) >= overlap * Math.min(ta.size(), tb.size());
    }

    private static Set<String> numbers(Set<String> terms) {
        Set<String> numbers = new HashSet<>();
        terms.stream().filter(t -> Character.isDigit(t.charAt(0))).forEach(numbers::add);
        return numbers;
    }

    /** The analysed terms of {@code sentence}'s numbers and capitalised words (after its first word). */
    private static Set<String> specifics(Sentence sentence, Set<String> terms) {
        Set<String> specific = new HashSet<>();
        String[] words = sentence.text().split("[\\s,;:()\"“”]+");
        for (int i = 1; i < words.length; i++) {
            String word = words[i].replaceAll("[.'’!?]+$", "").toLowerCase(Locale.ROOT);
            if (!word.isEmpty() && (Character.isDigit(words[i].charAt(0)) || Character.isUpperCase(words[i].charAt(0)))
                    && terms.contains(word)) {
                specific.add(word);
            }
        }
        return specific;
    }

    /**
     * {@code sentence} and the sentences of other articles that make the same statement, one per file,
     * among the articles {@code filter} lets through; the chunks that may hold them come in one search.
     */
    List<Sentence> across(Sentence sentence, ArticleFilter filter) {
        return copies(sentence, copiesMayBeIn(sentence, filter));
    }

    /** The chunks of other articles that may hold {@code sentence}: those richest in its rarest terms. */
    private List<StoredChunk> copiesMayBeIn(Sentence sentence, ArticleFilter filter) {
        Set<String> terms = terms(sentence);
        Map<String, Double> idf = index.idf(terms);
        List<String> rarest = terms.stream()
                .sorted(Comparator.comparingDouble(idf::get).reversed()).limit(QUERY_TERMS).toList();
        // Only the best two chunks of each other article can hold its copy of the statement.
        Map<String, Integer> perFile = new HashMap<>();
        return index.textsWithAnyOf(rarest, 12, filter).stream()
                .filter(c -> !c.file().equals(sentence.file()) && perFile.merge(c.file(), 1, Integer::sum) <= 2)
                .toList();
    }

    private List<Sentence> copies(Sentence sentence, List<StoredChunk> chunks) {
        List<Sentence> found = new ArrayList<>(List.of(sentence));
        Set<String> files = new HashSet<>(Set.of(sentence.file()));
        Set<String> terms = terms(sentence);
        for (StoredChunk chunk : chunks) {
            for (int i = 0; i < chunk.sentences().size() && !files.contains(chunk.file()); i++) {
                Sentence other = chunk.sentences().get(i);
                if (same(sentence, terms, other, chunk.sentenceTerms().get(i))) {
                    found.add(other);
                    files.add(other.file());
                }
            }
        }
        return found;
    }

    private Set<String> terms(Sentence sentence) {
        return Set.copyOf(index.terms(sentence.text()));
    }
}
