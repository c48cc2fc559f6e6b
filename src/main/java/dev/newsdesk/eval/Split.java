package dev.newsdesk.eval;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Splits a labelled question set into a part to fit on and a part to report on, by article: the
 * articles at even positions (by file name) are fitted on, the others held out, so that no held-out
 * figure comes from an article the scorer has seen. An unanswerable question names no source; it goes
 * with the article whose rare words it shares most.
 */
public record Split(Path corpus, List<String> fitArticles, List<String> heldOutArticles,
                    Function<String, List<String>> terms) {

    /** One half of the split: its articles (copied into a folder of their own) and its questions. */
    public record Part(Path corpus, List<EvalQuestion> questions) {
    }

    /** {@code terms}: a text's analysed terms, as the index analyses it (to match questions to articles). */
    public static Split byArticle(Path corpus, Function<String, List<String>> terms) {
        List<String> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt") || n.endsWith(".md"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new NewsdeskException("Cannot list '" + corpus + "': " + e.getMessage() + "; pass a corpus folder.", e);
        }
        List<String> fit = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (i % 2 == 0 ? fit : heldOut).add(files.get(i));
        }
        return new Split(corpus, fit, heldOut, terms);
    }

    /**
     * For a question set over one corpus, split by question: held out when its conversation (or its id)
     * hashes odd, so that follow-ups stay together.
     */
    public static boolean isHeldOut(EvalQuestion q) {
        String key = q.conversation() != null ? q.conversation() : q.id();
        return Math.floorMod(key.hashCode(), 2) == 1;
    }

    public Part fit(List<EvalQuestion> questions, Path folder) {
        return part(questions, fitArticles, folder);
    }

    public Part heldOut(List<EvalQuestion> questions, Path folder) {
        return part(questions, heldOutArticles, folder);
    }

    private Part part(List<EvalQuestion> questions, List<String> articles, Path folder) {
        try {
            Files.createDirectories(folder);
            for (String article : articles) {
                Files.copy(corpus.resolve(article), folder.resolve(article), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new NewsdeskException("Cannot write the split into '" + folder + "': " + e.getMessage(), e);
        }
        Map<String, Set<String>> terms = articleTerms();
        Set<String> chosen = Set.copyOf(articles);
        List<EvalQuestion> mine = questions.stream()
                .filter(q -> chosen.contains(q.unanswerable() ? closestArticle(q.question(), terms) : q.sources().get(0)))
                .toList();
        return new Part(folder, mine);
    }

    private Map<String, Set<String>> articleTerms() {
        Map<String, Set<String>> terms = new HashMap<>();
        try {
            for (String article : concat(fitArticles, heldOutArticles)) {
                terms.put(article, new HashSet<>(this.terms.apply(Files.readString(corpus.resolve(article)))));
            }
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read '" + corpus + "': " + e.getMessage(), e);
        }
        return terms;
    }

    /** The article sharing the most of the question's words, each weighted by how few articles use it. */
    private String closestArticle(String question, Map<String, Set<String>> articleTerms) {
        List<String> words = terms.apply(question);
        String best = null;
        double bestScore = -1;
        for (Map.Entry<String, Set<String>> article : articleTerms.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            double score = 0;
            for (String w : words) {
                long df = articleTerms.values().stream().filter(t -> t.contains(w)).count();
                score += article.getValue().contains(w) ? Math.log(1 + articleTerms.size() / (double) df) : 0;
            }
            if (score > bestScore) {
                bestScore = score;
                best = article.getKey();
            }
        }
        return best;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
