package astrograd.astro.retrieval;

import astrograd.inference.uq.Calibration;
import astrograd.inference.uq.PredictiveMixture;
import astrograd.tensor.Rng;
import java.util.Arrays;

/**
 * plan-net's test-set scores per parameter: R² and RMSE of the posterior mean (the untruncated mixture mean, as
 * the paper scores it), coverage of the central 68 % and 95 % intervals of the moment-matched Gaussian (law of total
 * variance) and of the draws kept inside the prior box, the same Gaussian coverage without the between-pass spread of the
 * means (the reference notebook's shortcut), and the mean sample CRPS.
 */
public record PlanNetEvaluation(int rows, double[] r2, double[] rmse, double[] coverage68, double[] coverage95,
                                double[] sampleCoverage68, double[] sampleCoverage95, double[] aleatoricOnly68,
                                double[] aleatoricOnly95, double[] crps) {
    /** plan-net's published test-set R² (T, H2O, HCN, NH3, κ₀; Cobb et al. 2019). */
    public static final double[] PUBLISHED_R2 = {0.770, 0.629, 0.491, 0.724, 0.751};

    /**
     * Scores {@code model} on labelled {@code test} rows with {@code passes} MC-dropout passes per member and
     * {@code draws} draws per row inside the prior box, (250 rows at a time).
     */
    public static PlanNetEvaluation of(PlanNet model, HelaSimulations test, int passes, int draws, PlanNet.Bounds bounds,
            Rng rng) {
        if (!test.labelled()) {
            throw new IllegalArgumentException("plan-net evaluation: the test rows need their parameters");
        }
        int n = test.size();
        int d = HelaSimulations.PARAMETERS;
        double[][] mean = new double[n][];
        double[][] std = new double[n][];
        double[][] aleStd = new double[n][];
        double[][][] samples = new double[n][][];
        int chunk = 250;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            double[][] x = Arrays.copyOfRange(test.spectra(), from, to);
            PredictiveMixture m = model.mixture(x, passes);
            PlanNet.Moments mo = model.moments(m);
            PlanNet.Moments ale = model.moments(m.withoutEpistemic());
            double[][][] s = model.samples(m, draws, bounds, rng);
            for (int i = from; i < to; i++) {
                mean[i] = mo.mean()[i - from];
                std[i] = new double[d];
                aleStd[i] = new double[d];
                for (int j = 0; j < d; j++) {
                    std[i][j] = mo.std(i - from, j);
                    aleStd[i][j] = ale.std(i - from, j);
                }
                samples[i] = s[i - from];
            }
        }
        double[] r2 = new double[d];
        double[] rmse = new double[d];
        double[][] cov = new double[6][d];
        double[] crps = new double[d];
        for (int j = 0; j < d; j++) {
            double[] y = column(test.parameters(), j);
            double[] mu = column(mean, j);
            double[] sd = column(std, j);
            double[] sa = column(aleStd, j);
            double[][] sj = new double[n][];
            for (int i = 0; i < n; i++) {
                sj[i] = new double[samples[i].length];
                for (int k = 0; k < samples[i].length; k++) {
                    sj[i][k] = samples[i][k][j];
                }
            }
            r2[j] = rSquared(mu, y);
            rmse[j] = Math.sqrt(Arrays.stream(difference(mu, y)).map(v -> v * v).average().orElseThrow());
            cov[0][j] = Calibration.coverage(mu, sd, y, 0.68);
            cov[1][j] = Calibration.coverage(mu, sd, y, 0.95);
            cov[2][j] = Calibration.coverage(sj, y, 0.68);
            cov[3][j] = Calibration.coverage(sj, y, 0.95);
            cov[4][j] = Calibration.coverage(mu, sa, y, 0.68);
            cov[5][j] = Calibration.coverage(mu, sa, y, 0.95);
            crps[j] = Calibration.crpsSamples(sj, y);
        }
        return new PlanNetEvaluation(n, r2, rmse, cov[0], cov[1], cov[2], cov[3], cov[4], cov[5], crps);
    }

    /** {@code 1 − Σ(y − ŷ)² / Σ(y − ȳ)²}. */
    public static double rSquared(double[] predicted, double[] truth) {
        double mean = Arrays.stream(truth).average().orElseThrow();
        double ss = 0;
        double res = 0;
        for (int i = 0; i < truth.length; i++) {
            ss += (truth[i] - mean) * (truth[i] - mean);
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        }
        return 1 - res / ss;
    }

    /** A CSV table, one row per parameter. */
    public String csv(java.util.List<String> names) {
        StringBuilder sb = new StringBuilder("parameter,r2,r2_published,rmse,coverage68,coverage95,sample_coverage68,"
                + "sample_coverage95,aleatoric_only_coverage68,aleatoric_only_coverage95,crps\n");
        for (int j = 0; j < r2.length; j++) {
            sb.append(String.format(java.util.Locale.ROOT, "%s,%.4f,%.3f,%.4g,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4g%n",
                    names.get(j), r2[j], PUBLISHED_R2[j], rmse[j], coverage68[j], coverage95[j], sampleCoverage68[j],
                    sampleCoverage95[j], aleatoricOnly68[j], aleatoricOnly95[j], crps[j]));
        }
        return sb.toString();
    }

    private static double[] column(double[][] rows, int j) {
        return Arrays.stream(rows).mapToDouble(r -> r[j]).toArray();
    }

    private static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
