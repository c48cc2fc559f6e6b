package dev.newsdesk.answer;

import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.language.Aliases;
import dev.newsdesk.language.QuestionWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content terms of a question, weighted by how rare they are in the index, in the order asked, and
 * the names it asks about that the whole corpus never mentions under any of their forms ("USA" is
 * found as "U.S.", "Poland" as "Polish"). Such a name is the clearest sign the articles cannot answer.
 */
record QuestionTerms(Map<String, Double> weights, List<String> sequence, List<String> unknownNames,
                     double unknownShare) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’\\-]*");
    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}\\-]*|\\p{N}*\\p{Lu}{2,}\\p{N}*|(\\p{Lu}\\.)+");

    static QuestionTerms of(String question, ChunkStore index, QuestionWords words, Aliases aliases) {
        return of(question, index, words, aliases, ArticleFilter.NONE);
    }

    /**
     * The question's terms; a name counts as unknown when no article of the collections {@code filter}
     * reads mentions it, so that "None of the articles mention …" says the same to someone who may not
     * read the articles that do as it would if they did not exist.
     */
    static QuestionTerms of(String question, ChunkStore index, QuestionWords words, Aliases aliases, ArticleFilter filter) {
        // Only the collections count: outside an outlet or dates someone chose, a name is still known to them.
        ArticleFilter readable = filter.collections() == null ? null : ArticleFilter.NONE.within(filter.collections());
        Map<String, Double> weights = new LinkedHashMap<>();
        List<String> sequence = new ArrayList<>();
        Set<String> unknownNames = new LinkedHashSet<>();
        // The question's statistics in one call (one round trip to a remote store); the stores cache
        // them, so the many lookups below cost nothing more.
        index.docFreqs(index.terms(question));
        Matcher m = WORD.matcher(question);
        boolean first = true;
        while (m.find()) {
            String word = m.group().replaceAll("[’']s$|[.'’]+$", "");
            if (m.group().matches("(\\p{Lu}\\.)+")) {
                word = m.group(); // an abbreviation keeps its dots: "U.S." is not the word "us"
            }
            boolean sentenceStart = first || endsSentence(question, m.start());
            first = false;
            if (word.isEmpty() || words.isFunctionWord(word)) {
                continue;
            }
            List<String> terms = known(word, index, aliases);
            if (!sentenceStart && NAME.matcher(word).matches() && terms.stream().anyMatch(t -> index.docFreq(t) == 0
                    || readable != null && !index.holds(t, readable))) {
                unknownNames.add(word);
            }
            for (String term : terms) {
                weights.merge(term, index.idf(term), Math::max);
                sequence.add(term);
            }
        }
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double unknownWeight = weights.entrySet().stream().filter(e -> index.docFreq(e.getKey()) == 0)
                .mapToDouble(Map.Entry::getValue).sum();
        return new QuestionTerms(weights, sequence, List.copyOf(unknownNames), total == 0 ? 0 : unknownWeight / total);
    }

    /** True when the text before {@code at}, white space aside, ends a sentence: the next word is capitalised anyway. */
    private static boolean endsSentence(String text, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && ".?!:".indexOf(text.charAt(i)) >= 0;
    }

    /**
     * The terms of {@code word}, or of another form of it the corpus uses: an alias or demonym
     * ("USA" → "U.S.", "Poland" → "Polish"), else a related word form ("threaten" → "threat").
     */
    private static List<String> known(String word, ChunkStore index, Aliases aliases) {
        List<String> terms = index.terms(word);
        if (terms.stream().allMatch(t -> index.docFreq(t) > 0)) {
            return terms;
        }
        return aliases.variants(word).stream()
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
