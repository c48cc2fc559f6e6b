package dev.newsdesk.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The read side of the Lucene index: BM25 and kNN search over chunks, and term statistics for
 * answer scoring. Searchers come from a {@link SearcherManager}: each search holds one for its
 * duration, so concurrent questions share readers safely. Thread-safe.
 */
public final class ChunkIndex implements ChunkStore {

    private final Directory directory;
    private final SearcherManager searchers;
    private volatile int chunkCount;
    /**
     * Term statistics only change when the index is refreshed (the cache is then emptied), and
     * scoring asks for the same terms again and again.
     */
    private final Cache<String, Integer> docFreqs = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The collections of one view of the index. */
    private record CollectionsSeen(IndexReader reader, Set<String> names) {
    }

    private volatile CollectionsSeen collections;

    private record Held(String term, ArticleFilter filter) {
    }

    private final Cache<Held, Boolean> held = Caffeine.newBuilder().maximumSize(100_000).build();
    private final NewsAnalyzer analyzer = new NewsAnalyzer();

    private ChunkIndex(Directory directory, SearcherManager searchers) throws IOException {
        this.directory = directory;
        this.searchers = searchers;
        this.chunkCount = countChunks(true);
    }

    /** The chunks of the current searcher; {@code verify}: checksum every segment first (at open). */
    private int countChunks(boolean verify) throws IOException {
        try {
            return onSearcher(searcher -> {
                if (verify) {
                    // Reads every file through its checksum: a segment damaged on disk fails here, with a
                    // CorruptIndexException, instead of silently changing answers later.
                    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                        leaf.reader().checkIntegrity();
                    }
                }
                return searcher.getIndexReader().numDocs();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Opens the index at {@code path}, verifying every segment's checksums; fails with an
     * {@link IOException} when it is missing or corrupt.
     */
    public static ChunkIndex open(Path path) throws IOException {
        Directory directory = FSDirectory.open(path);
        try {
            return new ChunkIndex(directory, new SearcherManager(directory, null));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    @Override
    public List<Hit> anyOf(Collection<String> terms, int k, ArticleFilter filter) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        terms.forEach(t -> words.add(new TermQuery(new Term(StoredChunk.TEXT, t)), BooleanClause.Occur.SHOULD));
        return terms.isEmpty() ? List.of() : search(searcher -> filter.query(collections(searcher))
                        .map(f -> (Query) new BooleanQuery.Builder()
                                .add(words.build(), BooleanClause.Occur.MUST).add(f, BooleanClause.Occur.FILTER).build())
                        .orElseGet(words::build),
                k, (leaf, fields, doc, score) -> StoredChunk.hit(leaf, doc, score));
    }

    /** Remembered until the next refresh: the same names come up in question after question. */
    @Override
    public boolean holds(String term, ArticleFilter filter) {
        return held.get(new Held(term, filter), key -> ChunkStore.super.holds(term, filter));
    }

    /** HNSW search with the filter applied, not after. */
    @Override
    public List<Hit> knn(float[] vector, int k, ArticleFilter filter) {
        return search(searcher -> new KnnFloatVectorQuery(StoredChunk.VECTOR, vector, k,
                        filter.query(collections(searcher)).orElse(null)), k,
                (leaf, fields, doc, score) -> StoredChunk.hit(leaf, doc, score));
    }

    /** The collections in {@code searcher}'s view of the index; read once per view (a handful of terms). */
    private Set<String> collections(IndexSearcher searcher) throws IOException {
        CollectionsSeen known = collections;
        if (known != null && known.reader() == searcher.getIndexReader()) {
            return known.names();
        }
        Set<String> names = new HashSet<>();
        Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), StoredChunk.COLLECTION);
        if (terms != null) {
            TermsEnum each = terms.iterator();
            for (BytesRef term = each.next(); term != null; term = each.next()) {
                names.add(term.utf8ToString());
            }
        }
        collections = new CollectionsSeen(searcher.getIndexReader(), Set.copyOf(names));
        return collections.names();
    }

    /** Searches the last commit from now on; one refresh per ingested batch, so a batch appears all at once. */
    @Override
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
        docFreqs.invalidateAll();
        held.invalidateAll();
        // Not verified again: the new segments were just written and committed by this process.
        chunkCount = countChunks(false);
    }

    @Override
    public List<StoredChunk> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<BytesRef> terms = ids.stream().map(BytesRef::new).toList();
        Map<String, StoredChunk> found = new HashMap<>();
        search(new TermInSetQuery(StoredChunk.ID, terms), ids.size(), (leaf, fields, doc, score) -> StoredChunk.read(leaf, fields, doc))
                .forEach(chunk -> found.put(chunk.id(), chunk));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    @Override
    public List<String> terms(String text) {
        return analyzer.terms(text);
    }

    @Override
    public Optional<String> nearestKnown(String term) {
        Optional<String> known = ChunkStore.knownPrefix(term);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        String prefix = known.get();
        return onSearcher(searcher -> {
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), StoredChunk.TEXT);
            if (terms == null) {
                return Optional.empty();
            }
            TermsEnum candidates = terms.iterator();
            String best = null;
            int bestFreq = 0;
            BytesRef start = new BytesRef(prefix);
            if (candidates.seekCeil(start) == TermsEnum.SeekStatus.END) {
                return Optional.empty();
            }
            for (BytesRef t = candidates.term(); t != null && StringHelper.startsWith(t, start); t = candidates.next()) {
                if (candidates.docFreq() > bestFreq) {
                    best = t.utf8ToString();
                    bestFreq = candidates.docFreq();
                }
            }
            return Optional.ofNullable(best);
        });
    }

    @Override
    public int docFreq(String term) {
        return docFreqs.get(term, this::lookUpDocFreq);
    }

    private int lookUpDocFreq(String term) {
        return onSearcher(searcher -> searcher.getIndexReader().docFreq(new Term(StoredChunk.TEXT, term)));
    }

    @Override
    public int chunkCount() {
        return chunkCount;
    }

    @Override
    public int chunkCount(String file) {
        return onSearcher(searcher -> searcher.count(new TermQuery(new Term(StoredChunk.FILE, file))));
    }

    /** All chunks of {@code file}, in order (their ids are "file#0", "file#1", …). */
    public List<StoredChunk> chunksOf(String file) {
        return byIds(IntStream.range(0, chunkCount(file)).mapToObj(i -> file + "#" + i).toList());
    }

    /** What the searched commit was built from; null when newsdesk did not write it. */
    public Manifest manifest() {
        return onSearcher(searcher ->
                Manifest.fromUserData(((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getUserData()));
    }

    /** Turns a matching document into a result; {@code doc} is within {@code leaf}. */
    private interface Reader<T> {
        T read(LeafReader leaf, StoredFields fields, int doc, float score) throws IOException;
    }

    private <T> List<T> search(Query query, int k, Reader<T> reader) {
        return search(searcher -> query, k, reader);
    }

    /** The query made for the searcher it runs on. */
    private interface QueryFor {
        Query on(IndexSearcher searcher) throws IOException;
    }

    private <T> List<T> search(QueryFor query, int k, Reader<T> reader) {
        try {
            return onSearcher(searcher -> hits(searcher, query.on(searcher), k, reader));
        } catch (UncheckedIOException e) {
            throw new NewsdeskException("The index could not be read (" + e.getCause().getMessage()
                    + "); run 'newsdesk index' to rebuild it.", e.getCause());
        }
    }

    private static <T> List<T> hits(IndexSearcher searcher, Query query, int k, Reader<T> reader) throws IOException {
        TopDocs top = searcher.search(query, k);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        // One stored-fields reader per segment for the whole call: it keeps the block it last
        // decompressed, and the hits of a small index mostly share a block.
        Map<Integer, StoredFields> readers = new HashMap<>();
        List<T> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            int ord = ReaderUtil.subIndex(sd.doc, leaves);
            LeafReaderContext leaf = leaves.get(ord);
            StoredFields fields = readers.get(ord);
            if (fields == null) {
                fields = leaf.reader().storedFields();
                readers.put(ord, fields);
            }
            hits.add(reader.read(leaf.reader(), fields, sd.doc - leaf.docBase, sd.score));
        }
        return hits;
    }

    /** Work on one searcher: what it reads is one point-in-time view of the index. */
    private interface OnSearcher<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on the current searcher, released afterwards; an {@link IOException} comes out unchecked. */
    private <T> T onSearcher(OnSearcher<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (directory; searchers) {
            analyzer.close();
        }
    }
}
