package dev.newsdesk.access;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.language.Lexicon;
import dev.newsdesk.language.Names;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Questions a newcomer could ask, made from the articles themselves so that they fit whatever the
 * archive holds: what the people most articles name said, or who they are. Candidates only: whether
 * the bot can answer them is for the answerer to say (see {@link Overviews}).
 */
final class ExampleQuestions {

    /** Alternated so that the examples show more than one kind of question (language data, with its source). */
    private static final List<String> TEMPLATES = Lexicon.section("question_templates.txt", "examples");

    private ExampleQuestions() {
    }

    /** Up to {@code max} questions about the people named in the most articles, the most named first. */
    static List<String> candidates(Collection<Article> articles, int max) {
        Map<String, Integer> articlesNaming = new LinkedHashMap<>(); // first mention first, for stable ties
        for (Article article : articles) {
            Names.people(article.text()).forEach(name -> articlesNaming.merge(name, 1, Integer::sum));
        }
        List<String> people = articlesNaming.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .limit(max)
                .toList();
        return IntStream.range(0, people.size())
                .mapToObj(i -> TEMPLATES.get(i % TEMPLATES.size()).formatted(people.get(i)))
                .toList();
    }
}
