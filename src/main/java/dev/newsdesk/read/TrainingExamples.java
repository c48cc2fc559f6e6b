package dev.newsdesk.read;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The examples as arrays, as the script reads them: contexts and questions as token ids with their
 * offsets, and per example its question, context, answer tokens (-1: none), the tokens cut from the
 * context (-1: none), its kind and the index of its question in the file. Token offsets into the
 * context are code points, as Python indexes strings.
 */
final class TrainingExamples {
    final IntList ctxTokens = new IntList();
    final IntList ctxOffsets = new IntList(0);
    final IntList ctxArticle = new IntList();
    final IntList ctxStarts = new IntList();
    final IntList ctxEnds = new IntList();
    final IntList qTokens = new IntList();
    final IntList qOffsets = new IntList(0);
    final IntList exQuestion = new IntList();
    final IntList exContext = new IntList();
    final IntList exStart = new IntList();
    final IntList exEnd = new IntList();
    final IntList exCutStart = new IntList();
    final IntList exCutEnd = new IntList();
    final IntList exKind = new IntList();
    final IntList exSource = new IntList();

    TrainingData.Report report;

    void example(int question, int context, int start, int end, int cutStart, int cutEnd, int kind, int source) {
        exQuestion.add(question);
        exContext.add(context);
        exStart.add(start);
        exEnd.add(end);
        exCutStart.add(cutStart);
        exCutEnd.add(cutEnd);
        exKind.add(kind);
        exSource.add(source);
    }

    void write(Path out) {
        try (Npz npz = new Npz(out)) {
            npz.shorts("ctx_tokens", ctxTokens.toArray());
            npz.ints("ctx_offsets", ctxOffsets.toArray());
            npz.ints("ctx_article", ctxArticle.toArray());
            npz.ints("ctx_starts", ctxStarts.toArray());
            npz.ints("ctx_ends", ctxEnds.toArray());
            npz.shorts("q_tokens", qTokens.toArray());
            npz.ints("q_offsets", qOffsets.toArray());
            npz.ints("ex_question", exQuestion.toArray());
            npz.ints("ex_context", exContext.toArray());
            npz.ints("ex_start", exStart.toArray());
            npz.ints("ex_end", exEnd.toArray());
            npz.ints("ex_cut_start", exCutStart.toArray());
            npz.ints("ex_cut_end", exCutEnd.toArray());
            npz.ints("ex_kind", exKind.toArray());
            npz.ints("ex_source", exSource.toArray());
        } catch (IOException e) {
            throw new NewsdeskException("Cannot write '" + out + "': " + e.getMessage(), e);
        }
    }

    int count() {
        return exKind.size();
    }

    int kind(int example) {
        return exKind.get(example);
    }

    /** The question of an example, as token ids. */
    int[] question(int example) {
        int q = exQuestion.get(example);
        return qTokens.slice(qOffsets.get(q), qOffsets.get(q + 1));
    }

    int context(int example) {
        return exContext.get(example);
    }

    /** The answer's first and last token in the context ({-1, -1}: none). */
    int[] answer(int example) {
        return new int[] {exStart.get(example), exEnd.get(example)};
    }

    /** The first and last token cut from the context ({-1, -1}: none). */
    int[] cut(int example) {
        return new int[] {exCutStart.get(example), exCutEnd.get(example)};
    }

    /** Code-point offsets of token {@code token} of context {@code context}. */
    int[] tokenPlace(int context, int token) {
        int i = ctxOffsets.get(context) + token;
        return new int[] {ctxStarts.get(i), ctxEnds.get(i)};
    }
}
