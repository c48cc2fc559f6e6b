package dev.newsdesk.eval;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Sentence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes a large corpus for benchmarks: articles made of the seeds' sentences in random order, with
 * numbers changed so that no two articles are alike. Realistic text, so analysis, embedding and
 * scoring cost what they would on real news, at any size.
 */
public final class SyntheticCorpus {

    private static final int SENTENCES_PER_ARTICLE = 41;

    private SyntheticCorpus() {
    }

    /** Writes enough articles for about {@code chunks} chunks (with 3-sentence chunks overlapping by one). */
    public static int write(Path folder, List<Article> seeds, Chunker chunker, int chunks, long seed) throws IOException {
        List<String> sentences = new ArrayList<>();
        seeds.forEach(a -> chunker.sentences(a).stream().map(Sentence::text).forEach(sentences::add));
        Random random = new Random(seed);
        int chunksPerArticle = (SENTENCES_PER_ARTICLE - 1) / 2;
        int articles = Math.max(1, chunks / chunksPerArticle);
        Files.createDirectories(folder);
        for (int a = 0; a < articles; a++) {
            StringBuilder text = new StringBuilder("Synthetic report ").append(a).append('\n');
            // Without repeats: the cleaner would drop a line printed twice, and the article come out short.
            Collections.shuffle(sentences, random);
            // Paragraphs of two sentences: a line many articles repeat would be dropped as page furniture.
            List<String> picked = sentences.subList(0, Math.min(SENTENCES_PER_ARTICLE, sentences.size()));
            for (int i = 0; i < picked.size(); i++) {
                text.append(picked.get(i).replaceAll("\\d+", Integer.toString(random.nextInt(1000))))
                        .append(i % 2 == 0 ? ' ' : '\n');
            }
            Files.writeString(folder.resolve(String.format("synthetic_%05d.txt", a)), text);
        }
        return articles;
    }
}
