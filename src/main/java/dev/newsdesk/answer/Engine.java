package dev.newsdesk.answer;

import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Cleaner;
import dev.newsdesk.ingest.Corpus;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.SentenceSplitter;
import dev.newsdesk.retrieve.FollowUpQueryTransformer;
import dev.newsdesk.retrieve.QueryEmbeddings;
import dev.newsdesk.retrieve.Retriever;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The assembled pipeline, built from one {@link Settings}: seeds → chunks → index → retrieval →
 * answer. Starting brings the index up to date with the corpus (rebuilding it when it is damaged);
 * the front ends (cli, web, slack) only ever talk to {@link #answers()}.
 */
public final class Engine implements Closeable {

    private final Settings settings;
    private final Corpus corpus;
    private final ChunkIndex index;
    private final AnswerService answers;

    private Engine(Settings settings, Corpus corpus, ChunkIndex index, AnswerService answers) {
        this.settings = settings;
        this.corpus = corpus;
        this.index = index;
        this.answers = answers;
    }

    public static Engine start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        Corpus corpus = new Corpus(new CorpusLoader(log).load(settings.corpus()));
        Embedder embedder = Embedder.named(settings.embeddingModel());
        IndexBuilder builder = indexBuilder(settings, embedder, log);
        if (!builder.isCurrent(corpus.asList())) {
            IndexBuilder.Report report = builder.update(corpus.asList(), progress);
            log.accept("indexed " + settings.corpus() + " into " + settings.index() + ": " + describe(report));
        }
        ChunkIndex index = open(settings, builder, corpus, log, progress);
        CitationVerifier verifier = new CitationVerifier(corpus);
        QueryEmbeddings embeddings = new QueryEmbeddings(embedder);
        Retriever retriever = new Retriever(index, embeddings, new FollowUpQueryTransformer(), settings.topK());
        Answerer answerer = new ExtractiveAnswerer(index, verifier, ExtractiveAnswerer.Tuning.DEFAULT);
        AnswerService service = new AnswerService(retriever, answerer, verifier,
                new Conversations(settings.maxConversations(), settings.conversationIdle()), settings.maxQuestionChars());
        return new Engine(settings, corpus, index, service);
    }

    /** Builds or refreshes the index without starting the rest. */
    public static IndexBuilder.Report index(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        Corpus corpus = new Corpus(new CorpusLoader(log).load(settings.corpus()));
        return indexBuilder(settings, Embedder.named(settings.embeddingModel()), log).update(corpus.asList(), progress);
    }

    public static String describe(IndexBuilder.Report r) {
        return r.added() + " added, " + r.changed() + " changed, " + r.removed() + " removed, " + r.unchanged()
                + " unchanged" + (r.rebuilt() ? " (full build)" : "") + ", " + r.chunks() + " chunks written";
    }

    private static IndexBuilder indexBuilder(Settings settings, Embedder embedder, Consumer<String> log) {
        Chunker chunker = new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1);
        return new IndexBuilder(settings.index(), chunker, embedder, log);
    }

    private static ChunkIndex open(Settings settings, IndexBuilder builder, Corpus corpus, Consumer<String> log,
                                   IndexBuilder.Progress progress) {
        try {
            return ChunkIndex.open(settings.index());
        } catch (IOException | RuntimeException e) {
            log.accept("index at " + settings.index() + " cannot be opened (" + e.getMessage() + "): rebuilding");
            builder.rebuild(corpus.asList(), progress);
            try {
                return ChunkIndex.open(settings.index());
            } catch (IOException again) {
                throw new NewsdeskException("The index at '" + settings.index() + "' cannot be opened even after a"
                        + " rebuild (" + again.getMessage() + "); delete the folder and try again.", again);
            }
        }
    }

    public Settings settings() {
        return settings;
    }

    public Corpus corpus() {
        return corpus;
    }

    public ChunkIndex index() {
        return index;
    }

    public AnswerService answers() {
        return answers;
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
