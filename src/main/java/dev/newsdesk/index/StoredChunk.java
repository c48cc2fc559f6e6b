package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunk;
import dev.newsdesk.ingest.Sentence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * A chunk as the index keeps it: its sentences with their offsets and their embeddings, so that an
 * answer can be scored sentence by sentence without embedding anything but the question.
 * This class is the one place that knows the Lucene document layout.
 */
public record StoredChunk(String id, String file, String title, List<Sentence> sentences, List<float[]> sentenceVectors,
                          List<Set<String>> sentenceTerms) {

    /** The chunk's position in its article, from its id ("file#ordinal"): 0 is the story's opening. */
    public int ordinal() {
        return Integer.parseInt(id.substring(id.lastIndexOf('#') + 1));
    }

    static final String ID = "id";
    static final String FILE = "file";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String SOURCE = "source";
    static final String PUBLISHED = "published";
    static final String COLLECTION = "collection";
    private static final String TITLE = "title";
    private static final String OFFSETS = "offsets";
    private static final String SENTENCES = "sentences";
    private static final String SENTENCE_VECTORS = "sentence_vectors";
    private static final String SENTENCE_TERMS = "sentence_terms";

    static Document toDocument(EmbeddedChunk embedded) {
        Chunk chunk = embedded.chunk();
        Article.Meta meta = embedded.meta();
        Document doc = new Document();
        if (meta.source() != null) {
            // Exact-match keyword, lower-cased, not stored: the outlet filter; citations take it from the corpus.
            doc.add(new StringField(SOURCE, meta.source().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        // Exact-match keyword, not stored: the filter that keeps a question within the collections its
        // asker may read; every chunk has one.
        doc.add(new StringField(COLLECTION, meta.collection(), Field.Store.NO));
        // A point, not stored: the date-range filter (seconds since the epoch; undated articles have none).
        meta.publishedAt().ifPresent(at -> doc.add(new LongPoint(PUBLISHED, at.getEpochSecond())));
        // Exact-match keyword, stored: the stable key that updateDocument replaces by.
        doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
        // The id again as doc values: a search hit's id without decompressing stored fields.
        doc.add(new SortedDocValuesField(ID, new BytesRef(chunk.id())));
        // Exact-match keyword, stored: lets a changed or removed file's chunks be deleted in one call.
        doc.add(new StringField(FILE, chunk.file(), Field.Store.YES));
        // And as doc values, so a hit tells its file without loading the chunk.
        doc.add(new SortedDocValuesField(FILE, new BytesRef(chunk.file())));
        // Stored only: shown with citations, not searched (every chunk of a file shares it, so it would
        // only tilt BM25 toward articles whose headline repeats the question's words).
        doc.add(new StoredField(TITLE, chunk.title()));
        // Analysed with the English analyzer for BM25; not stored, the sentences below carry the text.
        doc.add(new TextField(TEXT, chunk.text(), Field.Store.NO));
        // HNSW vector for kNN; cosine because that is what the embedding models are trained for.
        doc.add(new KnnFloatVectorField(VECTOR, embedded.vector(), VectorSimilarityFunction.COSINE));
        // Stored only: sentence offsets into the original file, their text and their vectors.
        StringBuilder offsets = new StringBuilder();
        for (Sentence s : chunk.sentences()) {
            offsets.append(offsets.isEmpty() ? "" : ";").append(s.start()).append(',').append(s.end());
        }
        doc.add(new StoredField(OFFSETS, offsets.toString()));
        doc.add(new StoredField(SENTENCES, String.join("\n", chunk.sentences().stream().map(Sentence::text).toList())));
        // Stored only: each sentence's analysed terms, so answers are scored without re-analysing text.
        doc.add(new StoredField(SENTENCE_TERMS, String.join("\n", embedded.sentenceTerms().stream().map(t -> String.join(" ", t)).toList())));
        // Doc values, not a stored field: read uncompressed per hit, and they keep the stored-field
        // blocks small, so loading a hit's text stays cheap.
        doc.add(new BinaryDocValuesField(SENTENCE_VECTORS, new BytesRef(pack(embedded.sentenceVectors()))));
        return doc;
    }

    /** The search hit of document {@code doc} (an id within {@code leaf}), from doc values only. */
    static ChunkStore.Hit hit(LeafReader leaf, int doc, float score) throws IOException {
        return new ChunkStore.Hit(keyword(leaf, ID, doc), keyword(leaf, FILE, doc), score);
    }

    private static String keyword(LeafReader leaf, String field, int doc) throws IOException {
        SortedDocValues values = leaf.getSortedDocValues(field);
        if (values == null || !values.advanceExact(doc)) {
            throw new CorruptIndexException("document " + doc + " has no " + field, field);
        }
        return values.lookupOrd(values.ordValue()).utf8ToString();
    }

    /** Reads the chunk of document {@code doc} (an id within {@code leaf}, whose stored fields are given). */
    static StoredChunk read(LeafReader leaf, StoredFields fields, int doc) throws IOException {
        Document stored = fields.document(doc);
        BinaryDocValues vectors = leaf.getBinaryDocValues(SENTENCE_VECTORS);
        if (vectors == null || !vectors.advanceExact(doc)) {
            throw new CorruptIndexException("chunk " + stored.get(ID) + " has no sentence vectors", SENTENCE_VECTORS);
        }
        return fromDocument(stored, vectors.binaryValue());
    }

    private static StoredChunk fromDocument(Document doc, BytesRef packed) {
        String file = doc.get(FILE);
        String[] offsets = doc.get(OFFSETS).split(";");
        String[] texts = doc.get(SENTENCES).split("\n", -1);
        List<Sentence> sentences = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            String[] se = offsets[i].split(",");
            sentences.add(new Sentence(file, Integer.parseInt(se[0]), Integer.parseInt(se[1]), texts[i]));
        }
        List<Set<String>> terms = Arrays.stream(doc.get(SENTENCE_TERMS).split("\n", -1))
                .map(line -> line.isEmpty() ? Set.<String>of() : Set.copyOf(Arrays.asList(line.split(" "))))
                .toList();
        return new StoredChunk(doc.get(ID), file, doc.get(TITLE), sentences, unpack(packed.bytes, packed.offset, packed.length, sentences.size()), terms);
    }

    /** Vectors of one dimension as little-endian floats, one after another: how both stores keep sentence vectors. */
    public static byte[] pack(List<float[]> vectors) {
        int dimension = vectors.get(0).length;
        ByteBuffer buffer = ByteBuffer.allocate(vectors.size() * dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vectors) {
            for (float x : v) {
                buffer.putFloat(x);
            }
        }
        return buffer.array();
    }

    /** The {@code count} vectors {@link #pack} wrote into {@code bytes[offset, offset + length)}. */
    public static List<float[]> unpack(byte[] bytes, int offset, int length, int count) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        int dimension = length / Float.BYTES / count;
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] v = new float[dimension];
            buffer.asFloatBuffer().get(v);
            buffer.position(buffer.position() + dimension * Float.BYTES);
            vectors.add(v);
        }
        return vectors;
    }
}
