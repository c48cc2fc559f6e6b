package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.EmbeddedChunk;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Chunk;
import dev.newsdesk.ingest.Sentence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenSearch document layout of a chunk, as {@link StoredChunk} is the Lucene one: the index body
 * (chunks-index.json: analysis that mirrors NewsAnalyzer, the fields and what each is for), a chunk
 * to a document and back, and an {@link ArticleFilter} as a query.
 */
final class ChunkDocuments {

    static final String FILE = "file";
    static final String COLLECTION = "collection";
    static final String TEXT = "text";
    /** The chunk's distinct analysed terms as keywords: exact document frequencies and prefix lookups without fielddata. */
    static final String TERMS = "terms";
    static final String VECTOR = "vector";
    /** What a hit needs to be loaded as a chunk: everything but the searched fields and the chunk vector. */
    static final List<String> STORED = List.of(FILE, "title", "offsets", "sentences", "sentence_terms", "sentence_vectors");
    /** A chunk's sentences and their terms, without the sentence vectors. */
    static final List<String> TEXTS = STORED.subList(0, STORED.size() - 1);

    private ChunkDocuments() {
    }

    /** The body that creates a chunks index for vectors of {@code dimension}. */
    static JsonNode indexBody(int shards, int replicas, int dimension) {
        try (InputStream in = ChunkDocuments.class.getResourceAsStream("chunks-index.json")) {
            ObjectNode body = (ObjectNode) Cluster.JSON.readTree(in);
            ObjectNode index = (ObjectNode) body.path("settings").path("index");
            index.put("number_of_shards", shards).put("number_of_replicas", replicas);
            ((ObjectNode) body.path("mappings").path("properties").path(VECTOR)).put("dimension", dimension);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> toDocument(EmbeddedChunk embedded) {
        Chunk chunk = embedded.chunk();
        Map<String, Object> doc = object(
                FILE, chunk.file(),
                "title", chunk.title(),
                TEXT, chunk.text(),
                TERMS, embedded.sentenceTerms().stream().flatMap(List::stream).collect(LinkedHashSet::new, Set::add, Set::addAll),
                VECTOR, embedded.vector(),
                "offsets", chunk.sentences().stream().flatMap(s -> java.util.stream.Stream.of(s.start(), s.end())).toList(),
                "sentences", chunk.sentences().stream().map(Sentence::text).toList(),
                "sentence_terms", embedded.sentenceTerms().stream().map(t -> String.join(" ", t)).toList(),
                "sentence_vectors", Base64.getEncoder().encodeToString(StoredChunk.pack(embedded.sentenceVectors())));
        doc.put(COLLECTION, embedded.meta().collection());
        if (embedded.meta().source() != null) {
            doc.put("source", embedded.meta().source().toLowerCase(Locale.ROOT));
        }
        embedded.meta().publishedAt().ifPresent(at -> doc.put("published", at.getEpochSecond()));
        return doc;
    }

    static StoredChunk fromDocument(String id, JsonNode source) {
        String file = source.path(FILE).asText();
        JsonNode offsets = source.path("offsets");
        JsonNode texts = source.path("sentences");
        List<Sentence> sentences = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            sentences.add(new Sentence(file, offsets.get(2 * i).asInt(), offsets.get(2 * i + 1).asInt(), texts.get(i).asText()));
        }
        List<Set<String>> terms = new ArrayList<>(texts.size());
        source.path("sentence_terms").forEach(line -> terms.add(line.asText().isEmpty() ? Set.of()
                : Set.copyOf(Arrays.asList(line.asText().split(" ")))));
        // Loaded without its vectors (TEXTS), a chunk has none.
        byte[] packed = Base64.getDecoder().decode(source.path("sentence_vectors").asText(""));
        return new StoredChunk(id, file, source.path("title").asText(), sentences,
                packed.length == 0 ? List.of() : StoredChunk.unpack(packed, 0, packed.length, sentences.size()), terms);
    }

    /** The filter clauses of {@code filter} (none when it restricts nothing). */
    static List<Object> filterClauses(ArticleFilter filter) {
        List<Object> clauses = new ArrayList<>();
        if (filter.collections() != null) {
            clauses.add(object("terms", object(COLLECTION, filter.collections().stream().sorted().toList())));
        }
        if (filter.source() != null) {
            clauses.add(object("term", object("source", filter.source().toLowerCase(Locale.ROOT))));
        }
        if (filter.from() != null || filter.to() != null) {
            Map<String, Object> range = object();
            Optional.ofNullable(filter.from()).ifPresent(from -> range.put("gte", from.getEpochSecond()));
            Optional.ofNullable(filter.to()).ifPresent(to -> range.put("lte", to.getEpochSecond()));
            clauses.add(object("range", object("published", range)));
        }
        return clauses;
    }

    /** Chunks holding any of {@code terms} in their analysed text, among those {@code filter} lets through. */
    static Map<String, Object> anyOf(Collection<String> terms, ArticleFilter filter) {
        List<Object> words = terms.stream().map(t -> (Object) object("term", object(TEXT, t))).toList();
        // The words are a must (not should beside the filter): a chunk that matches none is no hit.
        return object("bool", object("must", object("bool", object("should", words)), "filter", filterClauses(filter)));
    }
}
