package dev.newsdesk.app;

import dev.langchain4j.rag.content.aggregator.DefaultContentAggregator;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.answer.Answerer;
import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.answer.Conversations;
import dev.newsdesk.answer.ExtractiveAnswerer;
import dev.newsdesk.answer.SameStatement;
import dev.newsdesk.answer.Scorer;
import dev.newsdesk.answer.llm.FallbackCounter;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.ChunkWriter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.ArticleEmbedder;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.index.StoreBuilder;
import dev.newsdesk.index.opensearch.LeasedWriter;
import dev.newsdesk.index.opensearch.OpenSearchIndexer;
import dev.newsdesk.index.opensearch.OpenSearchStore;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Cleaner;
import dev.newsdesk.ingest.Corpus;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.ingest.SentenceSplitter;
import dev.newsdesk.ingest.SkippedArticles;
import dev.newsdesk.language.Lexicon;
import dev.newsdesk.live.LiveIngest;
import dev.newsdesk.language.Aliases;
import dev.newsdesk.language.QuestionWords;
import dev.newsdesk.read.OnnxReader;
import dev.newsdesk.read.TimedReader;
import dev.newsdesk.retrieve.FollowUpQueryTransformer;
import dev.newsdesk.retrieve.QueryEmbeddings;
import dev.newsdesk.retrieve.RecencyAggregator;
import dev.newsdesk.retrieve.Retriever;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The assembled pipeline, built from one {@link Settings}: seeds → chunks → index → retrieval →
 * answer. Starting brings the index up to date with the corpus (rebuilding it when it is damaged);
 * the front ends (cli, web, slack) only ever talk to {@link #answers()}.
 */
public final class Engine implements Pipeline {

    /**
     * Three sentences a chunk, the last repeated as the next one's first: a chunk is a paragraph's worth of
     * context for the embedding, and a statement split over two sentences is whole in some chunk.
     */
    private static final int SENTENCES_PER_CHUNK = 3;
    private static final int OVERLAP_SENTENCES = 1;
    private static final int WARM_UP_QUESTIONS = 30;
    private static final int WARM_UP_ROUNDS = 40;
    private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(3);
    /** One opening per kind of question the answerer tells apart (language data, with its source). */
    private static final List<String> WARM_UP_ASKS = Lexicon.section("question_templates.txt", "warm-up");

    private final Settings settings;
    private final StoreBuilder builder;
    private final Corpus corpus;
    private final ChunkStore index;
    private final Retriever retriever;
    private final ExtractiveAnswerer extractive;
    private final AnswerService answers;
    private final Conversations conversations;
    private final String llm;
    private final TimedReader reader;
    private final SkippedArticles skipped;
    private final Chunker chunker;
    private final Catalogue catalogue;
    private final Health health;

    private Engine(Settings settings, StoreBuilder builder, Corpus corpus, ChunkStore index, Retriever retriever,
                   ExtractiveAnswerer extractive, AnswerService answers, Conversations conversations, String llm,
                   TimedReader reader, SkippedArticles skipped, Chunker chunker) {
        this.settings = settings;
        this.builder = builder;
        this.corpus = corpus;
        this.index = index;
        this.retriever = retriever;
        this.extractive = extractive;
        this.answers = answers;
        this.conversations = conversations;
        this.llm = llm;
        this.reader = reader;
        this.skipped = skipped;
        this.chunker = chunker;
        this.catalogue = new Catalogue() {
            @Override
            public Collection<Article> articles() {
                return corpus.articles();
            }

            @Override
            public Optional<Article> article(String file) {
                return corpus.article(file);
            }

            @Override
            public int chunkCount(String file) {
                return index.chunkCount(file);
            }
        };
        this.health = new Health() {
            @Override
            public Optional<String> unavailable() {
                return index.unavailable();
            }

            @Override
            public int articles() {
                return corpus.articles().size();
            }

            @Override
            public int chunks() {
                return index.chunkCount();
            }

            @Override
            public String reader() {
                return reader == null ? "off" : reader.id();
            }

            @Override
            public String llm() {
                return llm;
            }

            @Override
            public SkippedArticles skipped() {
                return skipped;
            }

            @Override
            public long storeRoundTrips() {
                return index.roundTrips();
            }
        };
    }

    /** The corpus loader of {@code settings}: files over the size limit are skipped, and every skip recorded. */
    private static CorpusLoader loader(Settings settings, Consumer<String> log, SkippedArticles skipped) {
        return new CorpusLoader(log, settings.articles().maxBytes(), skipped);
    }

    /** Starts with metrics kept in memory only; front ends that export metrics pass their registry. */
    public static Engine start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        return start(settings, log, progress, new SimpleMeterRegistry());
    }

    public static Engine start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress,
                               MeterRegistry metrics) {
        // The reader first: a bad model file stops start-up at once, not after the index is built.
        Settings.Reading reading = settings.reading();
        TimedReader reader = reading.enabled() ? new TimedReader(reader(reading)) : null;
        SkippedArticles skipped = new SkippedArticles();
        Corpus corpus = new Corpus(loader(settings, log, skipped).load(settings.corpus()));
        Embedder embedder = Embedder.named(settings.embeddingModel());
        Chunker chunker = chunker(settings, corpus, skipped);
        // The index may be current and chunk nothing now: find the articles past the sentence budget for
        // /health here, splitting only those that could be (a count of sentence ends rules out the rest).
        corpus.articles().stream().filter(chunker::mayBeCut).forEach(chunker::sentences);
        StoreBuilder builder = storeBuilder(settings, chunker, embedder, log);
        if (!builder.isCurrent(corpus.asList())) {
            IndexBuilder.Report report = builder.update(corpus.asList(), progress);
            log.accept("indexed " + settings.corpus() + " into " + where(settings) + ": " + report.describe());
        }
        ChunkStore index = open(settings, builder, corpus, log, progress);
        CitationVerifier verifier = new CitationVerifier(corpus);
        QuestionWords words = new QuestionWords();
        QueryEmbeddings embeddings = new QueryEmbeddings(embedder, words);
        ExtractiveAnswerer.Builder extractiveBuilder = ExtractiveAnswerer.builder().store(index).embeddings(embeddings)
                .citations(verifier).sameStatement(new SameStatement(index, settings.tuning().sameStatementOverlap()))
                .questionWords(words).aliases(new Aliases()).scorer(scorer(settings.scorer(), reading.enabled()));
        if (reader != null) {
            extractiveBuilder.reader(reader, reading);
        }
        ExtractiveAnswerer extractive = extractiveBuilder.build();
        Answerer answerer = extractive;
        QueryTransformer transformer = new FollowUpQueryTransformer();
        String llm = "none";
        if (settings.llm().enabled()) {
            LlmChain chain = new LlmChain(settings.llm(), settings.tuning(), index, embeddings, verifier, answerer, transformer,
                    new FallbackCounter(metrics));
            answerer = chain.answerer();
            transformer = chain.queryTransformer();
            llm = chain.description();
            log.accept("answers are written by " + llm + ", checked against the articles");
        }
        // BM25 and kNN retrievers as the builder defaults them; recency weighs in when fusing their rankings.
        Retriever retriever = Retriever.builder().store(index).embeddings(embeddings).topK(settings.topK())
                .queryTransformer(transformer)
                .contentAggregator(new RecencyAggregator(new DefaultContentAggregator(), corpus, settings.topK(),
                        settings.tuning().recencyWeight(), settings.tuning().sameStoryState()))
                .build();
        Conversations conversations = new Conversations(settings.conversations(), settings.maxConversations(),
                settings.conversationIdle());
        AnswerService service = new AnswerService(retriever, answerer, verifier, conversations,
                settings.maxQuestionChars());
        return new Engine(settings, builder, corpus, index, retriever, extractive, service, conversations, llm, reader,
                skipped, chunker);
    }

    /**
     * Compiles the hot paths before real questions arrive (see {@link AnswerService#warmUp}), asking
     * short questions made from the articles' sentences, each many times (three seconds at most).
     * Skipped when a chat model answers: its latency dwarfs the JIT's, and warming up would cost model
     * calls.
     */
    @Override
    public void warmUp() {
        if (!"none".equals(llm)) {
            return;
        }
        // Short questions of every kind the answerer distinguishes, about what the articles say: the first
        // round, one opening sentence per article, fills them from the first articles alone.
        List<List<Sentence>> sentences = corpus.articles().stream().limit(WARM_UP_QUESTIONS).map(chunker::sentences)
                .toList();
        List<String> questions = new ArrayList<>();
        for (int i = 0; questions.size() < WARM_UP_QUESTIONS && i < WARM_UP_QUESTIONS; i++) {
            for (List<Sentence> article : sentences) {
                if (i < article.size() && questions.size() < WARM_UP_QUESTIONS) {
                    String[] words = article.get(i).text().split("\\s+");
                    String opening = String.join(" ", Arrays.asList(words).subList(0, Math.min(8, words.length)));
                    questions.add(WARM_UP_ASKS.get(questions.size() % WARM_UP_ASKS.size()) + " " + opening + "?");
                }
            }
        }
        // Round after round, each question a little different, so that the embedding model runs too:
        // ONNX Runtime also answers its first calls slower. The time budget decides when to stop.
        long deadline = System.nanoTime() + WARM_UP_BUDGET.toNanos();
        for (int round = 0; round < WARM_UP_ROUNDS && System.nanoTime() < deadline; round++) {
            String variant = " " + round;
            answers.warmUp(questions.stream().map(q -> q + variant).toList());
        }
    }

    /**
     * Keeps this engine's index and corpus in step with the corpus folder from now on (serve). On the
     * Lucene store it takes the index's write lock for as long as it runs. On the cluster store every
     * serving process follows the folder, and the one that holds the writer lease writes; {@code url} is
     * where this process serves, for the others to send article writes to.
     */
    public LiveIngest liveIngest(Consumer<String> log, String url) {
        ChunkWriter writer = builder.openLive();
        LiveIngest live = new LiveIngest(settings.corpus(), loader(settings, log, skipped), corpus, index,
                writer, LiveIngest.Timing.DEFAULT, log);
        live.start();
        if (builder instanceof OpenSearchIndexer cluster && writer instanceof LeasedWriter leased) {
            // A new writer first catches up with the folder: what a writer killed mid-batch left unsaved.
            leased.start(cluster.lease(leased, Objects.requireNonNullElse(settings.store().advertisedUrl(), url), log),
                    live::rescan);
        }
        return live;
    }

    /** Builds or refreshes the index without starting the rest. */
    public static IndexBuilder.Report index(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        SkippedArticles skipped = new SkippedArticles();
        Corpus corpus = new Corpus(loader(settings, log, skipped).load(settings.corpus()));
        return storeBuilder(settings, chunker(settings, corpus, skipped), Embedder.named(settings.embeddingModel()), log)
                .update(corpus.asList(), progress);
    }

    /**
     * Copies the Lucene index at {@code from} into the OpenSearch store of {@code settings}, its chunks as
     * they are; articles changed since it was built are embedded afresh.
     */
    public static IndexBuilder.Report copy(Settings settings, Path from, Consumer<String> log, IndexBuilder.Progress progress) {
        if (!settings.store().openSearch()) {
            throw new NewsdeskException("Copying an index needs the OpenSearch store to copy into; add --store opensearch.");
        }
        SkippedArticles skipped = new SkippedArticles();
        Corpus corpus = new Corpus(loader(settings, log, skipped).load(settings.corpus()));
        OpenSearchIndexer cluster = (OpenSearchIndexer) storeBuilder(settings, chunker(settings, corpus, skipped),
                Embedder.named(settings.embeddingModel()), log);
        try (ChunkIndex source = ChunkIndex.open(from)) {
            return cluster.copy(source, corpus.asList(), progress);
        } catch (IOException e) {
            throw new NewsdeskException("Cannot open the index at '" + from + "' to copy it (" + e.getMessage() + ").", e);
        }
    }

    /** The one place the store is chosen (NEWSDESK_STORE): how it is built here, how it is opened in {@link #open}. */
    private static StoreBuilder storeBuilder(Settings settings, Chunker chunker, Embedder embedder, Consumer<String> log) {
        return settings.store().openSearch()
                ? new OpenSearchIndexer(settings.store(), new ArticleEmbedder(chunker, embedder, log), log)
                : new IndexBuilder(settings.index(), chunker, embedder, log);
    }

    /** Where the chunks are kept, for messages. */
    public static String where(Settings settings) {
        return settings.store().openSearch()
                ? OpenSearchIndexer.alias(settings.store()) + " at " + settings.store().urls() : settings.index().toString();
    }

    /** Cleans with what the whole corpus shows: the lines that many of its articles repeat are furniture. */
    private static Chunker chunker(Settings settings, Corpus corpus, SkippedArticles skipped) {
        return new Chunker(Cleaner.across(corpus.asList(), settings.tuning().furnitureShare()), new SentenceSplitter(), SENTENCES_PER_CHUNK,
                OVERLAP_SENTENCES, settings.articles().maxSentences(), skipped);
    }

    /** The reader {@code reading} names: the bundled model unless it gives another file. */
    static OnnxReader reader(Settings.Reading reading) {
        return OnnxReader.of(reading.model(), reading.windowTokens(), reading.overlapTokens());
    }

    /** The scorer in {@code file} (NEWSDESK_SCORER), or else the bundled one fitted with or without the reader. */
    static Scorer scorer(Path file, boolean withReader) {
        return file == null ? Scorer.bundled(withReader) : Scorer.read(file);
    }

    /** Chunks as {@link #chunker} does, without what a corpus's repeated lines tell (for synthetic corpora). */
    static Chunker plainChunker() {
        return new Chunker(new Cleaner(), new SentenceSplitter(), SENTENCES_PER_CHUNK, OVERLAP_SENTENCES);
    }

    private static ChunkStore open(Settings settings, StoreBuilder builder, Corpus corpus, Consumer<String> log,
                                   IndexBuilder.Progress progress) {
        if (settings.store().openSearch()) {
            return OpenSearchStore.open(settings.store());
        }
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

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Corpus corpus() {
        return corpus;
    }

    @Override
    public ChunkStore index() {
        return index;
    }

    @Override
    public Retriever retriever() {
        return retriever;
    }

    @Override
    public ExtractiveAnswerer extractive() {
        return extractive;
    }

    @Override
    public AnswerService answers() {
        return answers;
    }


    @Override
    public double readingMillis() {
        return reader == null ? 0 : reader.millis();
    }


    @Override
    public void close() throws IOException {
        try (index) {
            conversations.close();
        }
    }
}
