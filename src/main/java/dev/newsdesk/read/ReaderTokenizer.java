package dev.newsdesk.read;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The reader's WordPiece tokenizer (the {@code tokenizer.json} of all-minilm-l6-v2, without its
 * padding and truncation). The same instance makes the training data ({@link TrainingData}) and reads
 * at serving time, so the model never sees a token split it was not trained on. Each token keeps the
 * place of its text in the input, so that a span the model points at maps back to the article.
 */
public final class ReaderTokenizer {

    static final String RESOURCE = "reader-tokenizer.json";
    static final int CLS = 101;
    static final int SEP = 102;

    /** Token ids of a text, and each token's {@code [start, end)} in it (UTF-16 indices, as String uses). */
    public record Tokens(int[] ids, int[] starts, int[] ends) {
        public int size() {
            return ids.length;
        }
    }

    private final HuggingFaceTokenizer tokenizer;

    private ReaderTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads the tokenizer shipped beside the reader model. */
    public static ReaderTokenizer bundled() {
        try (InputStream in = ReaderTokenizer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new NewsdeskException("The reader's tokenizer " + RESOURCE + " is missing from the classpath;"
                        + " rebuild the jar with 'mvn package'.");
            }
            // DJL cuts at 512 tokens unless told not to; a passage is cut into windows here instead.
            return new ReaderTokenizer(HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false",
                    "padding", "false")));
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read the reader's tokenizer " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The tokens of {@code text}, without [CLS] and [SEP]. */
    public Tokens tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] out = new int[ids.length];
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        // The tokenizer counts code points; Java strings count UTF-16 units. Walk both once.
        int cp = 0;
        int utf16 = 0;
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
            CharSpan span = spans[i];
            if (span == null) { // a token with no text of its own (none in WordPiece, but the API allows it)
                starts[i] = i == 0 ? 0 : ends[i - 1];
                ends[i] = starts[i];
                continue;
            }
            while (cp < span.getStart()) {
                utf16 += Character.charCount(text.codePointAt(utf16));
                cp++;
            }
            starts[i] = utf16;
            int end = utf16;
            for (int c = cp; c < span.getEnd(); c++) {
                end += Character.charCount(text.codePointAt(end));
            }
            ends[i] = end;
        }
        return new Tokens(out, starts, ends);
    }
}
