package astrograd.astro.variables;

import astrograd.tensor.Rng;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stratified k-fold cross-validation: each fold in turn is held out, a model is trained on the others (with its own
 * validation hold-out for keep-best) and scored on it; the report gives every fold's scores and the pooled confusion
 * matrix of all held-out predictions. For a {@link HybridNet} it also scores its two parts alone, the sequence network
 * ({@value #NETWORK}) and the aux MLPs ({@value #MLP}), on the same folds.
 */
public final class CrossValidation {
    /** The whole model's key in {@link Report#heldOut()}. */
    public static final String MODEL = "model";
    /** The sequence network of a hybrid alone. */
    public static final String NETWORK = "network";
    /** The aux MLPs of a hybrid alone. */
    public static final String MLP = "mlp";

    private CrossValidation() {
    }

    /**
     * Per-fold scores and the pooled scores of the model, per-fold scores of the parts of a hybrid
     * ({@code parts}: {@value #NETWORK}, {@value #MLP}; empty otherwise), and the held-out probabilities
     * {@code [star][class]} of the model and of each part, in the order of the prepared stars, with each star's fold.
     */
    public record Report(List<Scores> folds, Scores pooled, Map<String, List<Scores>> parts, Map<String, double[][]> heldOut,
                         int[] fold) {
        /** Mean and sample standard deviation over folds of accuracy and balanced accuracy; the parts' pooled scores. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < folds.size(); i++) {
                sb.append("fold ").append(i + 1).append(": ").append(folds.get(i).summary()).append('\n');
            }
            sb.append("mean over folds: ").append(meanLine(folds)).append('\n');
            sb.append("pooled held-out predictions: ").append(pooled.summary()).append('\n');
            sb.append(pooled.confusionTable());
            parts.forEach((name, s) -> {
                sb.append(name).append(" alone, per fold accuracy:");
                s.forEach(f -> sb.append(String.format(Locale.ROOT, " %.4f", f.accuracy())));
                sb.append("; mean over folds: ").append(meanLine(s)).append('\n');
                Scores p = Scores.pooled(s);
                sb.append(name).append(" alone, pooled: ").append(p.summary()).append('\n').append(p.confusionTable());
            });
            return sb.toString();
        }

        private static String meanLine(List<Scores> s) {
            double[] acc = s.stream().mapToDouble(Scores::accuracy).toArray();
            double[] bacc = s.stream().mapToDouble(Scores::balancedAccuracy).toArray();
            return String.format(Locale.ROOT, "accuracy %.4f ± %.4f, balanced accuracy %.4f ± %.4f", mean(acc), std(acc),
                    mean(bacc), std(bacc));
        }
    }

    public static Report run(PreparedStars data, List<String> bandNames, Features features, ModelConfig config,
                             TrainOptions options, int k, PrintStream log) {
        int[] fold = Splits.stratifiedFolds(data.labels(), k, new Rng(options.seed()).fold(77));
        List<Scores> scores = new ArrayList<>();
        Map<String, List<Scores>> parts = new LinkedHashMap<>();
        Map<String, double[][]> heldOut = new LinkedHashMap<>();
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
            List<FoldedCurve> test = Training.pick(data.curves(), testIdx);
            int[] truth = Training.pick(data.labels(), testIdx);
            Map<String, TrainedModel> models = new LinkedHashMap<>();
            models.put(MODEL, m);
            models.putAll(parts(m));
            for (Map.Entry<String, TrainedModel> e : models.entrySet()) {
                double[][] p = e.getValue().predictProba(test);
                double[][] all = heldOut.computeIfAbsent(e.getKey(), x -> new double[fold.length][]);
                for (int i = 0; i < testIdx.length; i++) {
                    all[testIdx[i]] = p[i];
                }
                Scores s = Scores.of(truth, TrainedModel.argmax(p), data.codes());
                if (e.getKey().equals(MODEL)) {
                    scores.add(s);
                } else {
                    parts.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(s);
                }
                if (log != null) {
                    log.println("fold " + (f + 1) + (e.getKey().equals(MODEL) ? "" : " (" + e.getKey() + " alone)") + ": "
                            + s.summary());
                }
            }
        }
        return new Report(scores, Scores.pooled(scores), parts, heldOut, fold);
    }

    /** The sequence network and the aux MLPs of a hybrid model as models of their own (none for other models). */
    static Map<String, TrainedModel> parts(TrainedModel m) {
        Map<String, TrainedModel> out = new LinkedHashMap<>();
        if (m.net() instanceof HybridNet h) {
            AuxMlpConfig c = h.config().mlp();
            HybridNet mlpOnly = new HybridNet(h.config().withMlp(new AuxMlpConfig(c.members(), c.inputs(), c.hidden(),
                    c.dropout(), 1)), h.sequence(), h.mlps());
            mlpOnly.eval();
            out.put(NETWORK, m.withNet(h.sequence()));
            out.put(MLP, m.withNet(mlpOnly));
        }
        return out;
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
