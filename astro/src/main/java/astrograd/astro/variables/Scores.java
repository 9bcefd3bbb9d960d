package astrograd.astro.variables;

import astrograd.layers.metrics.Metrics;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy, balanced accuracy (the mean over classes of the recall) and the confusion matrix (rows true, columns
 * predicted) of a set of predictions, with a plain-text rendering.
 */
public record Scores(int count, double accuracy, double balancedAccuracy, long[][] confusion, List<String> classNames) {
    public static Scores of(int[] truth, int[] predicted, List<String> classNames) {
        return new Scores(truth.length, Metrics.accuracy(truth, predicted), Metrics.balancedAccuracy(truth, predicted),
                Metrics.confusionMatrix(truth, predicted, classNames.size()), classNames);
    }

    /** One line: {@code n=…, accuracy …, balanced accuracy …}. */
    public String summary() {
        return String.format(Locale.ROOT, "n=%d  accuracy %.4f  balanced accuracy %.4f", count, accuracy, balancedAccuracy);
    }

    /** The confusion matrix as a text table (rows: true class, columns: predicted), with per-class recall. */
    public String confusionTable() {
        int w = Math.max(8, classNames.stream().mapToInt(String::length).max().orElse(4) + 2);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", "true\\pred"));
        classNames.forEach(n -> sb.append(String.format(Locale.ROOT, "%" + w + "s", n)));
        sb.append(String.format(Locale.ROOT, "%" + w + "s%n", "recall"));
        for (int i = 0; i < confusion.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", classNames.get(i)));
            long row = 0;
            for (long v : confusion[i]) {
                sb.append(String.format(Locale.ROOT, "%" + w + "d", v));
                row += v;
            }
            sb.append(String.format(Locale.ROOT, "%" + w + ".3f%n", row == 0 ? Double.NaN : (double) confusion[i][i] / row));
        }
        return sb.toString();
    }

    /** Summed confusion matrices (e.g. over cross-validation folds), with scores recomputed from the sum. */
    public static Scores pooled(List<Scores> parts) {
        int k = parts.get(0).classNames().size();
        long[][] sum = new long[k][k];
        int n = 0;
        for (Scores p : parts) {
            n += p.count();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    sum[i][j] += p.confusion()[i][j];
                }
            }
        }
        long correct = 0;
        double recall = 0;
        int present = 0;
        for (int i = 0; i < k; i++) {
            correct += sum[i][i];
            long row = java.util.Arrays.stream(sum[i]).sum();
            if (row > 0) {
                recall += (double) sum[i][i] / row;
                present++;
            }
        }
        return new Scores(n, (double) correct / n, recall / present, sum, parts.get(0).classNames());
    }
}
