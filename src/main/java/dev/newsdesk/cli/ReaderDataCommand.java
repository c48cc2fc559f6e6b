package dev.newsdesk.cli;

import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.read.TrainingData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes the reader's training or evaluation examples from a SQuAD file (see train/README.md). */
@Command(name = "reader-data", mixinStandardHelpOptions = true,
        description = {"Tokenizes a file in SQuAD's JSON layout with the reader's own tokenizer into the arrays"
                + " train/train_reader.py reads (.npz).", "With --negatives, a share of the answerable questions also"
                + " gives an example that cannot be answered (see train/README.md)."})
final class ReaderDataCommand implements Callable<Integer> {

    private final Parts parts;

    ReaderDataCommand(Parts parts) {
        this.parts = parts;
    }

    @Option(names = "--squad", paramLabel = "FILE", required = true, description = "SQuAD 1.1 or 2.0 JSON, gzipped or not.")
    Path squad;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .npz to write.")
    Path out;

    @Option(names = "--negatives", paramLabel = "OTHER,REMOVED,SWAPPED", split = ",",
            description = "Shares of the questions that give a negative of each kind: another paragraph of the"
                    + " article, the answer's sentence removed, a name or number swapped (default: none).")
    double[] negatives;

    @Option(names = "--seed", defaultValue = "16", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (negatives != null && negatives.length != 3) {
            throw new NewsdeskException("--negatives takes three shares, e.g. 0.2,0.25,0.2.");
        }
        TrainingData.Shares shares = negatives == null ? TrainingData.Shares.NONE
                : new TrainingData.Shares(negatives[0], negatives[1], negatives[2]);
        TrainingData.Report r = parts.trainingData().write(squad, out, shares, seed);
        int[] k = r.kinds();
        System.out.printf("%s: %d paragraphs, %d questions -> %d positive, %d impossible; negatives: %d other paragraph,"
                        + " %d sentence removed, %d swapped; %d answers not found in their paragraph%n",
                out, r.paragraphs(), r.questions(), k[TrainingData.POSITIVE], k[TrainingData.IMPOSSIBLE],
                k[TrainingData.OTHER_PARAGRAPH], k[TrainingData.SENTENCE_REMOVED], k[TrainingData.SWAPPED], r.unaligned());
        return 0;
    }
}
