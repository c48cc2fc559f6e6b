package dev.newsdesk.index;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an index was built from, saved in the Lucene commit's user data so that it is committed
 * atomically with the documents: the embedding model and dimension, the analysis and document
 * layout version, and a content hash per file.
 */
public record Manifest(String model, int dimension, int schema, Map<String, String> fileHashes) {

    /**
     * Version of how documents are made: cleaning, sentence splitting, chunking, analysis and the
     * document layout. Bump it with any change to those; an index of another version is rebuilt.
     */
    public static final int SCHEMA = 9;

    private static final String MODEL = "newsdesk.model";
    private static final String SCHEMA_KEY = "newsdesk.schema";
    private static final String DIMENSION = "newsdesk.dimension";
    private static final String FILE = "newsdesk.file.";

    /** Reads a manifest from commit user data; null when the commit was not written by newsdesk. */
    public static Manifest fromUserData(Map<String, String> data) {
        if (!data.containsKey(MODEL) || !data.containsKey(DIMENSION)) {
            return null;
        }
        Map<String, String> files = data.entrySet().stream()
                .filter(e -> e.getKey().startsWith(FILE))
                .collect(Collectors.toMap(e -> e.getKey().substring(FILE.length()), Map.Entry::getValue));
        return new Manifest(data.get(MODEL), Integer.parseInt(data.get(DIMENSION)),
                Integer.parseInt(data.getOrDefault(SCHEMA_KEY, "0")), files);
    }

    public Map<String, String> toUserData() {
        Map<String, String> data = new HashMap<>();
        data.put(MODEL, model);
        data.put(DIMENSION, Integer.toString(dimension));
        data.put(SCHEMA_KEY, Integer.toString(schema));
        fileHashes.forEach((file, hash) -> data.put(FILE + file, hash));
        return data;
    }

    /** True when documents built now would be compatible with the ones in this index. */
    public boolean compatibleWith(String otherModel, int otherDimension) {
        return model.equals(otherModel) && dimension == otherDimension && schema == SCHEMA;
    }
}
