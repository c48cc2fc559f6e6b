package dev.newsdesk.answer;

import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.ingest.Demonyms;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content terms of a question, weighted by how rare they are in the index, and the names it asks
 * about. A name the corpus never mentions ("Taiwan", "HIMARS") is the clearest sign that the articles
 * cannot answer, so such names are reported separately.
 */
record QuestionTerms(Map<String, Double> weights, List<String> unknownNames, int unknownTerms) {

    /** Question words that say what is asked, not what it is about. */
    private static final Set<String> QUESTION_WORDS = Set.of(
            "what", "who", "whom", "whose", "where", "when", "why", "how", "which", "did", "does", "do", "is", "are",
            "was", "were", "has", "have", "had", "can", "could", "would", "will", "should", "might", "say", "says",
            "said", "tell", "told", "according", "report", "reports", "reported", "article", "articles", "name",
            "kind", "many", "much", "far", "long", "the", "a", "an", "about", "me", "you", "of", "any", "some",
            // pronouns: a follow-up's are resolved before scoring, and left over they only add noise
            "he", "she", "him", "his", "her", "hers", "they", "them", "their", "it", "its", "we", "our",
            "i", "my", "this", "that", "these", "those", "there");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’\\-]*");
    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}\\-]*|\\p{N}*\\p{Lu}{2,}\\p{N}*");

    static QuestionTerms of(String question, ChunkIndex index, Demonyms demonyms) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Set<String> unknownNames = new LinkedHashSet<>();
        int unknownTerms = 0;
        Matcher m = WORD.matcher(question);
        boolean first = true;
        while (m.find()) {
            String word = m.group().replaceAll("[’']s$|[.'’]+$", "");
            boolean sentenceStart = first;
            first = false;
            if (word.isEmpty() || QUESTION_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String term : known(word, index, demonyms)) {
                double idf = index.idf(term);
                boolean unknown = index.docFreq(term) == 0;
                if (unknown && !sentenceStart && NAME.matcher(word).matches()) {
                    unknownNames.add(word);
                }
                if (unknown) {
                    unknownTerms++;
                }
                weights.merge(term, idf, Math::max);
            }
        }
        return new QuestionTerms(weights, List.copyOf(unknownNames), unknownTerms);
    }

    /**
     * The terms of {@code word}, or of a form the corpus uses: a country's adjective ("Poland" →
     * "polish"), else a related word form ("threaten" → "threat").
     */
    private static List<String> known(String word, ChunkIndex index, Demonyms demonyms) {
        List<String> terms = index.terms(word);
        if (terms.stream().allMatch(t -> index.docFreq(t) > 0)) {
            return terms;
        }
        return demonyms.variants(word).stream()
                .map(index::terms)
                .filter(ts -> !ts.isEmpty() && ts.stream().allMatch(t -> index.docFreq(t) > 0))
                .findFirst()
                .orElseGet(() -> terms.stream().map(t -> index.docFreq(t) > 0 ? t : index.nearestKnown(t).orElse(t)).toList());
    }

    /** Share of the question's term weight that {@code terms} covers, 0 to 1. */
    double coverage(Set<String> terms) {
        double total = 0;
        double covered = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            total += e.getValue();
            if (terms.contains(e.getKey())) {
                covered += e.getValue();
            }
        }
        return total == 0 ? 0 : covered / total;
    }
}
