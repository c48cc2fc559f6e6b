package dev.newsdesk.answer;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last gate before an answer leaves: every citation must quote its file verbatim. Citations that
 * do not are dropped, the remaining ones are numbered 1..n in order of first mention, and the answer's
 * {@code [n]} markers are rewritten to match (markers of dropped or unknown numbers disappear).
 */
public final class CitationVerifier {

    private static final Pattern MARKER = Pattern.compile("\\s?\\[(\\d+)]");

    private final Corpus corpus;

    public CitationVerifier(Corpus corpus) {
        this.corpus = corpus;
    }

    /**
     * A citation of {@code file[charStart, charEnd)} in Java (UTF-16) offsets, converted to code point
     * offsets, with the article's outlet, link and date when it has them (a reader places "last month"
     * by the date); empty when the file or range does not exist.
     */
    public Optional<Citation> cite(int n, String file, int charStart, int charEnd) {
        return corpus.article(file)
                .filter(a -> 0 <= charStart && charStart < charEnd && charEnd <= a.text().length())
                .map(a -> new Citation(n, file, a.title(), a.text().substring(charStart, charEnd),
                        a.text().codePointCount(0, charStart), a.text().codePointCount(0, charEnd), null, null,
                        a.meta().source(), a.meta().url(), a.meta().published()));
    }

    /**
     * {@code citation} with its short answer marked at {@code file[charStart, charEnd)} (Java offsets,
     * converted to code points); unchanged when that span is not inside the quote.
     */
    public Citation markAnswer(Citation citation, int charStart, int charEnd) {
        return corpus.article(citation.file()).map(a -> {
            int from = a.text().codePointCount(0, charStart);
            int to = a.text().codePointCount(0, charEnd);
            return citation.start() <= from && from < to && to <= citation.end() ? citation.withAnswerSpan(from, to) : citation;
        }).orElse(citation);
    }

    public boolean isVerbatim(Citation c) {
        Optional<Article> article = corpus.article(c.file());
        if (article.isEmpty() || c.quote() == null || c.start() < 0 || c.start() >= c.end()) {
            return false;
        }
        String text = article.get().text();
        if (c.end() > text.codePointCount(0, text.length())) {
            return false;
        }
        int from = text.offsetByCodePoints(0, c.start());
        int to = text.offsetByCodePoints(from, c.end() - c.start());
        return text.substring(from, to).equals(c.quote());
    }

    public Answer verify(Answer answer) {
        Map<Integer, Citation> valid = new HashMap<>();
        answer.citations().stream().filter(this::isVerbatim).forEach(c -> valid.putIfAbsent(c.n(), c));
        Map<Integer, Integer> renumber = new HashMap<>();
        List<Citation> kept = new ArrayList<>();
        Matcher m = MARKER.matcher(answer.answer());
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            Citation c = valid.get(n);
            String replacement = "";
            if (c != null) {
                Integer newN = renumber.computeIfAbsent(n, k -> {
                    kept.add(c.renumbered(kept.size() + 1));
                    return kept.size();
                });
                replacement = m.group().replace("[" + n + "]", "[" + newN + "]");
            }
            m.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(text);
        return answer.withCitations(text.toString(), kept);
    }
}
