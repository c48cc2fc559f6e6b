package dev.newsdesk.language;

import java.util.HashSet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a question that say how it is asked, not what it is about (interrogatives, auxiliaries,
 * pronouns) and the request formulas around it ("Please tell me: …"), from {@code question_words.txt}.
 * Retrieval leaves them out of what it embeds and the answerer out of what it matches.
 */
public final class QuestionWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\-]*");

    private final Set<String> functionWords = new HashSet<>();
    private final Pattern wrappers;

    public QuestionWords() {
        Map<String, List<String>> sections = Lexicon.sections("question_words.txt");
        for (String section : List.of("interrogatives", "auxiliaries", "pronouns")) {
            sections.getOrDefault(section, List.of()).forEach(w -> functionWords.add(w.strip().toLowerCase(Locale.ROOT)));
        }
        // Longest formulas first, so "please tell me" is removed whole rather than as "please".
        List<String> formulas = sections.getOrDefault("wrappers", List.of()).stream().map(String::strip)
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList();
        wrappers = Pattern.compile("^(?:(?:" + String.join("|", formulas) + ")\\b[\\s,:;.!-]*)+",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** True for an interrogative, auxiliary or pronoun (any case). */
    public boolean isFunctionWord(String word) {
        return functionWords.contains(word.toLowerCase(Locale.ROOT).replace('’', '\''));
    }

    /** A function word or one of Lucene's English stop words ("the", "of"): nothing a vector needs. */
    private boolean isScaffolding(String word) {
        return isFunctionWord(word) || EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word.toLowerCase(Locale.ROOT));
    }

    /** {@code question} without the request formulas at its start; the question itself when that leaves nothing. */
    public String unwrap(String question) {
        String unwrapped = wrappers.matcher(question.strip()).replaceFirst("");
        return unwrapped.isBlank() ? question.strip() : unwrapped;
    }

    /**
     * The words of {@code question} that say what it is about, in order; the question itself if none.
     * Embedding time grows with every token, and scaffolding tells the vector nothing.
     */
    public String essentials(String question) {
        StringBuilder out = new StringBuilder();
        WORD.matcher(unwrap(question)).results().map(m -> m.group())
                .filter(w -> !isScaffolding(w))
                .forEach(w -> out.append(out.isEmpty() ? "" : " ").append(w));
        return out.isEmpty() ? question : out.toString();
    }
}
