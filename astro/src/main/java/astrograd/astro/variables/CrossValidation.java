package astrograd.astro.variables;

import astrograd.tensor.Rng;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stratified k-fold cross-validation: each fold in turn is held out, a model is trained on the others (with its own
 * validation hold-out for keep-best) and scored on it; the report gives every fold's scores and the pooled confusion
 * matrix of all held-out predictions.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Per-fold scores and the pooled scores. */
    public record Report(List<Scores> folds, Scores pooled) {
        /** Mean and sample standard deviation over folds of accuracy and balanced accuracy. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            double[] acc = folds.stream().mapToDouble(Scores::accuracy).toArray();
            double[] bacc = folds.stream().mapToDouble(Scores::balancedAccuracy).toArray();
            for (int i = 0; i < folds.size(); i++) {
                sb.append("fold ").append(i + 1).append(": ").append(folds.get(i).summary()).append('\n');
            }
            sb.append(String.format(java.util.Locale.ROOT, "mean over folds: accuracy %.4f ± %.4f, balanced accuracy %.4f ± %.4f%n",
                    mean(acc), std(acc), mean(bacc), std(bacc)));
            sb.append("pooled held-out predictions: ").append(pooled.summary()).append('\n');
            sb.append(pooled.confusionTable());
            return sb.toString();
        }
    }

    public static Report run(PreparedStars data, List<String> bandNames, Features features, ModelConfig config,
                             TrainOptions options, int k, PrintStream log) {
        int[] fold = Splits.stratifiedFolds(data.labels(), k, new Rng(options.seed()).fold(77));
        List<Scores> scores = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            boolean[] held = new boolean[fold.length];
            for (int i = 0; i < fold.length; i++) {
                held[i] = fold[i] == f;
            }
            int[] trainIdx = Splits.where(held, false);
            int[] testIdx = Splits.where(held, true);
            if (log != null) {
                log.printf("fold %d of %d: training on %d stars, testing on %d%n", f + 1, k, trainIdx.length, testIdx.length);
            }
            TrainedModel m = Training.fit(config, features, Training.pick(data.curves(), trainIdx),
                    Training.pick(data.labels(), trainIdx), data.codes(), bandNames, options.withSeed(options.seed() + f), log)
                    .model();
            int[] pred = TrainedModel.argmax(m.predictProba(Training.pick(data.curves(), testIdx)));
            Scores s = Scores.of(Training.pick(data.labels(), testIdx), pred, data.codes());
            if (log != null) {
                log.println("fold " + (f + 1) + ": " + s.summary());
            }
            scores.add(s);
        }
        return new Report(scores, Scores.pooled(scores));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
    }
}
