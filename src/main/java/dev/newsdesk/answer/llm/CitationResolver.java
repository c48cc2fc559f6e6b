package dev.newsdesk.answer.llm;

import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.retrieve.QueryEmbeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the model's {@code [n]} markers into verified quotes. A marker is kept only when n names a
 * source the model was given and one sentence of that source supports the sentence that cites it;
 * that sentence, verbatim from the file, becomes the citation. Support is measured like the
 * extractive answerer measures relevance: half word overlap (stemmed content terms weighted by rarity,
 * so a shared "said" counts little and an unknown word counts against), half meaning
 * (embedding cosine), because models paraphrase but should not drift off topic. A sentence of the
 * answer whose markers are all rejected is dropped: it claimed a source that does not back it.
 */
public final class CitationResolver {

    /** One marker, or a list of numbers in one pair of brackets: [2], [1, 3]. */
    private static final Pattern MARKER = Pattern.compile("\\s?\\[(\\d+(?:\\s*,\\s*\\d+)*)]");
    private static final Pattern LEADING_MARKERS = Pattern.compile("^(?:\\s?\\[\\d+(?:\\s*,\\s*\\d+)*])+");
    /** After end punctuation (and a closing quote or bracket), or at a line break. */
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?][\"'”’)]?)[ \\t]+|\\s*\\n\\s*");

    /** The answer text with renumbered markers, and its citations in marker order. */
    public record Resolved(String text, List<Citation> citations) {
    }

    private record Piece(String text, String separator) {
    }

    private final ChunkStore index;
    private final QueryEmbeddings embeddings;
    private final CitationVerifier verifier;
    private final double minSupport;
    private final double overlapShare;

    /**
     * Below {@code minSupport} (NEWSDESK_LLM_MIN_SUPPORT), the best sentence of a cited source does not back
     * the claim; {@code overlapShare} (NEWSDESK_LLM_OVERLAP_SHARE) of the support is word overlap, the rest
     * meaning.
     */
    public CitationResolver(ChunkStore index, QueryEmbeddings embeddings, CitationVerifier verifier, double minSupport,
                            double overlapShare) {
        this.index = index;
        this.embeddings = embeddings;
        this.verifier = verifier;
        this.minSupport = minSupport;
        this.overlapShare = overlapShare;
    }

    /** Resolves {@code text}'s markers against {@code sources}, where source n is {@code sources.get(n - 1)}. */
    public Resolved resolve(String text, List<StoredChunk> sources) {
        Map<Sentence, Citation> cited = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces(text.strip())) {
            String claim = MARKER.matcher(piece.text()).replaceAll("").strip();
            Matcher m = MARKER.matcher(piece.text());
            if (!m.find()) {
                out.append(piece.text()).append(piece.separator());
                continue;
            }
            m.reset();
            StringBuilder rewritten = new StringBuilder();
            boolean supported = false;
            while (m.find()) {
                StringBuilder markers = new StringBuilder();
                for (String number : m.group(1).split("\\s*,\\s*")) {
                    // A number too long for an int is as invalid as [42]; parsing it must not throw.
                    int n = number.length() > 6 ? 0 : Integer.parseInt(number);
                    Optional<Citation> c = support(claim, n, sources, cited);
                    c.ifPresent(ci -> markers.append('[').append(ci.n()).append(']'));
                }
                supported |= !markers.isEmpty();
                String replacement = markers.isEmpty() ? "" : (m.group().startsWith("[") ? "" : " ") + markers;
                m.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(rewritten);
            if (supported) {
                out.append(rewritten).append(piece.separator());
            }
        }
        return new Resolved(out.toString().strip(), List.copyOf(cited.values()));
    }

    /** The citation for claim → source n: the source's best-supporting sentence, if it supports at all. */
    private Optional<Citation> support(String claim, int n, List<StoredChunk> sources, Map<Sentence, Citation> cited) {
        if (n < 1 || n > sources.size() || claim.isEmpty()) {
            return Optional.empty();
        }
        StoredChunk source = sources.get(n - 1);
        Map<String, Double> claimTerms = new HashMap<>();
        index.terms(claim).forEach(t -> claimTerms.put(t, index.idf(t)));
        float[] claimVector = embeddings.of(claim);
        Sentence best = null;
        double bestScore = minSupport;
        for (int i = 0; i < source.sentences().size(); i++) {
            Sentence s = source.sentences().get(i);
            double score = overlapShare * overlap(claimTerms, s.text())
                    + (1 - overlapShare) * Embedder.cosine(claimVector, source.sentenceVectors().get(i));
            if (score >= bestScore) {
                best = s;
                bestScore = score;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Citation existing = cited.get(best);
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<Citation> citation = verifier.cite(cited.size() + 1, best.file(), best.start(), best.end());
        Sentence chosen = best;
        citation.ifPresent(c -> cited.put(chosen, c));
        return citation;
    }

    /** Share of the claim's term weight that the sentence contains, 0 to 1. */
    private double overlap(Map<String, Double> claimTerms, String sentence) {
        double total = claimTerms.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total == 0) {
            return 0;
        }
        Set<String> terms = new HashSet<>(index.terms(sentence));
        return claimTerms.entrySet().stream().filter(e -> terms.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum() / total;
    }

    /**
     * The answer cut into sentences, each with the whitespace after it. Markers a model puts after the
     * full stop ("… system. [1]") belong to the sentence before them, so they are moved back to it.
     */
    private static List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        Matcher boundary = BOUNDARY.matcher(text);
        int from = 0;
        while (boundary.find()) {
            add(pieces, text.substring(from, boundary.start()), boundary.group());
            from = boundary.end();
        }
        add(pieces, text.substring(from), "");
        return pieces;
    }

    private static void add(List<Piece> pieces, String text, String separator) {
        Matcher leading = LEADING_MARKERS.matcher(text);
        if (leading.find() && !pieces.isEmpty()) {
            Piece previous = pieces.remove(pieces.size() - 1);
            pieces.add(new Piece(previous.text() + " " + leading.group().strip(), previous.separator()));
            text = text.substring(leading.end()).strip();
        }
        if (!text.isEmpty()) {
            pieces.add(new Piece(text, separator));
        }
    }
}
