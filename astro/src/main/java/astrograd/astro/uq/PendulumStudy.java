package astrograd.astro.uq;

import astrograd.astro.plot.CalibrationPlots;
import astrograd.inference.stats.Ranks;
import astrograd.inference.uq.Calibration;
import astrograd.inference.uq.GaussianMlp;
import astrograd.inference.uq.GaussianModel;
import astrograd.inference.uq.GaussianTraining;
import astrograd.inference.uq.PackedCholesky;
import astrograd.inference.uq.Predictive;
import astrograd.inference.uq.PredictiveMixture;
import astrograd.layers.io.AtomicFile;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Deeply Uncertain" study (Caldeira &amp; Nord 2021) on {@link Pendulums}: estimate g with a deep ensemble,
 * concrete dropout (weight regularizer 0, dropout regularizer 2/N) and a Flipout BNN (KL / N), each a 3-layer ReLU
 * network with a Gaussian head, inputs and target min–max scaled on the training rows. Per method: the predictive
 * mean and its aleatoric, epistemic and total σ in g units; coverage of the total interval in distribution, the
 * Spearman correlation of σ_ale/ĝ with the analytic δg/ĝ, CRPS and NLL; the median σ_epi against pendulum length
 * beyond the training range (0.2–0.8 m). Figures: reliability, PIT, aleatoric against analytic, epistemic against L.
 */
public final class PendulumStudy {
    /** One method's scores. */
    public record Scores(String method, double coverage68, double coverage95, double spearman, double rmse, double crps,
                         double nll, double oodRatio, double[] medianEpistemicByLength, String notes) {
    }

    /**
     * @param train    training pendulums (a tenth more are drawn for validation)
     * @param test     in-distribution test pendulums
     * @param maxNoise t_max (t_min = 0.01)
     * @param hidden   hidden widths
     * @param epochs   maximum epochs
     * @param members  deep-ensemble members
     * @param passes   stochastic passes of CD and BNN
     */
    public record Config(int train, int test, double maxNoise, int[] hidden, int epochs, int members, int passes,
                         long seed) {
    }

    /** Length bins of the out-of-distribution sweep: [0.2, 0.3), …, [1.5, 1.6) m. */
    static final double[] LENGTH_EDGES = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6};

    private final Config config;
    private final MinMax xScale;
    private final double gLow;
    private final double gHigh;
    private final GaussianTraining.Data data;
    private final int trainSize;

    public PendulumStudy(Config config) {
        this.config = config;
        Rng rng = new Rng(config.seed());
        Pendulums train = Pendulums.simulate(config.train(), 0.01, config.maxNoise(), Pendulums.Ranges.TRAINING, rng.split());
        Pendulums val = Pendulums.simulate(Math.max(10, config.train() / 10), 0.01, config.maxNoise(),
                Pendulums.Ranges.TRAINING, rng.split());
        this.xScale = MinMax.fit(train.features());
        this.gLow = Arrays.stream(train.g()).min().orElseThrow();
        this.gHigh = Arrays.stream(train.g()).max().orElseThrow();
        this.trainSize = train.size();
        this.data = new GaussianTraining.Data(x(train), y(train), x(val), y(val));
    }

    /** Trains the three methods and scores them; writes the figures and {@code metrics.csv} into {@code out}. */
    public List<Scores> run(Path out, PrintStream log) throws IOException {
        Files.createDirectories(out);
        Rng rng = new Rng(config.seed()).fold(1);
        Pendulums test = Pendulums.simulate(config.test(), 0.01, config.maxNoise(), Pendulums.Ranges.TRAINING, rng.split());
        Map<String, List<GaussianModel>> methods = new LinkedHashMap<>();
        Map<String, Integer> passes = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        GaussianTraining.Settings s = new GaussianTraining.Settings(config.epochs(), 64, 1e-3, 10);
        for (GaussianMlp.Kind kind : GaussianMlp.Kind.values()) {
            long t0 = System.nanoTime();
            GaussianMlp.Config c = new GaussianMlp.Config(13, config.hidden(), 1, kind, trainSize, 0, 1,
                    PackedCholesky.Diagonal.SOFTPLUS);
            int size = kind == GaussianMlp.Kind.PLAIN ? config.members() : 1;
            List<GaussianMlp> nets = GaussianTraining.ensemble(size, c, DType.F32, data, s, rng.split(), i -> List.of())
                    .members();
            String name = name(kind);
            methods.put(name, GaussianTraining.predictors(nets));
            passes.put(name, kind == GaussianMlp.Kind.PLAIN ? 1 : config.passes());
            notes.put(name, kind == GaussianMlp.Kind.CONCRETE_DROPOUT ? "p = " + Arrays.toString(
                    Arrays.stream(nets.get(0).dropRates()).map(p -> Math.round(p * 1e4) / 1e4).toArray()) : "");
            log.printf(Locale.ROOT, "%s trained in %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
        }
        List<Scores> scores = new ArrayList<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        Map<String, int[]> pits = new LinkedHashMap<>();
        Map<String, double[][]> aleatoric = new LinkedHashMap<>();
        Map<String, double[][]> epistemic = new LinkedHashMap<>();
        for (String name : methods.keySet()) {
            Prediction p = predict(methods.get(name), test, passes.get(name));
            double[] byLength = epistemicByLength(methods.get(name), passes.get(name), rng.fold(name.hashCode()));
            Scores sc = score(name, p, test, byLength, notes.get(name));
            scores.add(sc);
            curves.put(name, Calibration.calibrationCurve(p.mean, p.total(), test.g(), Calibration.defaultLevels()));
            pits.put(name, Calibration.histogram(Calibration.pit(p.mean, p.total(), test.g()), 20));
            aleatoric.put(name, relativeAleatoric(p, test));
            epistemic.put(name, new double[][] {binCentres(), byLength});
        }
        CalibrationPlots.reliability(out.resolve("reliability.png"), "Pendulum: calibration of the total interval",
                Calibration.defaultLevels(), curves);
        CalibrationPlots.pitHistograms(out.resolve("pit.png"), "Pendulum: PIT histograms", pits);
        CalibrationPlots.scatter(out.resolve("aleatoric_vs_analytic.png"), "Relative aleatoric sigma against analytic "
                + "error propagation", "analytic dg/g", "predicted sigma_ale/g", aleatoric, true);
        CalibrationPlots.lines(out.resolve("epistemic_vs_length.png"), "Median epistemic sigma against length "
                + "(training range 0.2-0.8 m)", "pendulum length L [m]", "median sigma_epi [m/s^2]", epistemic);
        AtomicFile.write(out.resolve("metrics.csv"), csv(scores).getBytes(StandardCharsets.UTF_8));
        return scores;
    }

    /** Per-test-point mean and σ's in g units. */
    record Prediction(double[] mean, double[] aleatoric, double[] epistemic) {
        double[] total() {
            double[] t = new double[mean.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = Math.hypot(aleatoric[i], epistemic[i]);
            }
            return t;
        }
    }

    private Prediction predict(List<GaussianModel> models, Pendulums p, int passes) {
        PredictiveMixture m = Predictive.mixture(models, x(p), passes);
        double span = gHigh - gLow;
        double[] mean = Arrays.stream(m.mean().toDoubleArray()).map(v -> gLow + span * v).toArray();
        double[] ale = Arrays.stream(m.aleatoricStd().toDoubleArray()).map(v -> span * v).toArray();
        double[] epi = Arrays.stream(m.epistemicStd().toDoubleArray()).map(v -> span * v).toArray();
        return new Prediction(mean, ale, epi);
    }

    private double[] epistemicByLength(List<GaussianModel> models, int passes, Rng rng) {
        double[] out = new double[LENGTH_EDGES.length - 1];
        for (int b = 0; b < out.length; b++) {
            Pendulums p = Pendulums.simulate(300, 0.01, config.maxNoise(),
                    new Pendulums.Ranges(5, 15, LENGTH_EDGES[b], LENGTH_EDGES[b + 1]), rng.split());
            out[b] = median(predict(models, p, passes).epistemic());
        }
        return out;
    }

    private Scores score(String name, Prediction p, Pendulums test, double[] byLength, String notes) {
        double[] total = p.total();
        double[] rel = new double[test.size()];
        double[] analytic = new double[test.size()];
        double se = 0;
        for (int i = 0; i < rel.length; i++) {
            rel[i] = p.aleatoric()[i] / p.mean()[i];
            analytic[i] = test.deltaG()[i] / test.gHat()[i];
            se += (p.mean()[i] - test.g()[i]) * (p.mean()[i] - test.g()[i]);
        }
        double inDistribution = median(p.epistemic());
        double ood = (byLength[10] + byLength[11] + byLength[12] + byLength[13]) / 4;
        return new Scores(name, Calibration.coverage(p.mean(), total, test.g(), 0.68),
                Calibration.coverage(p.mean(), total, test.g(), 0.95), spearman(rel, analytic), Math.sqrt(se / rel.length),
                Calibration.crpsGaussian(p.mean(), total, test.g()), Calibration.gaussianNll(p.mean(), total, test.g()),
                ood / inDistribution, byLength, notes);
    }

    private static double[][] relativeAleatoric(Prediction p, Pendulums test) {
        int n = Math.min(1500, test.size());
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = test.deltaG()[i] / test.gHat()[i];
            out[1][i] = p.aleatoric()[i] / p.mean()[i];
        }
        return out;
    }

    /** Spearman's rank correlation (average ranks for ties). */
    public static double spearman(double[] a, double[] b) {
        return Ranks.spearman(a, b);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return Calibration.quantileSorted(s, 0.5);
    }

    private static double[] binCentres() {
        double[] c = new double[LENGTH_EDGES.length - 1];
        for (int b = 0; b < c.length; b++) {
            c[b] = (LENGTH_EDGES[b] + LENGTH_EDGES[b + 1]) / 2;
        }
        return c;
    }

    private static String name(GaussianMlp.Kind kind) {
        return switch (kind) {
            case PLAIN -> "deep ensemble";
            case CONCRETE_DROPOUT -> "concrete dropout";
            case FLIPOUT -> "Flipout BNN";
        };
    }

    private static String csv(List<Scores> scores) {
        StringBuilder sb = new StringBuilder("method,coverage68,coverage95,spearman_ale_vs_analytic,rmse,crps,nll,"
                + "ood_epistemic_ratio,notes\n");
        for (Scores s : scores) {
            sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,\"%s\"%n", s.method(),
                    s.coverage68(), s.coverage95(), s.spearman(), s.rmse(), s.crps(), s.nll(), s.oodRatio(), s.notes()));
        }
        return sb.toString();
    }

    private Tensor x(Pendulums p) {
        return Tensor.of(xScale.apply(p.features()), p.size(), 13).to(DType.F32);
    }

    private Tensor y(Pendulums p) {
        double[] y = Arrays.stream(p.g()).map(v -> (v - gLow) / (gHigh - gLow)).toArray();
        return Tensor.of(y, p.size(), 1).to(DType.F32);
    }

    /** Min–max scaling to [0, 1] per column, fitted on the training rows. */
    record MinMax(double[] low, double[] high) {
        static MinMax fit(double[][] rows) {
            int d = rows[0].length;
            double[] lo = new double[d];
            double[] hi = new double[d];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (double[] r : rows) {
                for (int j = 0; j < d; j++) {
                    lo[j] = Math.min(lo[j], r[j]);
                    hi[j] = Math.max(hi[j], r[j]);
                }
            }
            return new MinMax(lo, hi);
        }

        double[] apply(double[][] rows) {
            int d = low.length;
            double[] out = new double[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < d; j++) {
                    double span = high[j] - low[j];
                    out[i * d + j] = span > 0 ? (rows[i][j] - low[j]) / span : 0;
                }
            }
            return out;
        }
    }
}
