package astrograd.inference.sbi;

import astrograd.inference.stats.Ranks;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * Simulation-based calibration (Talts et al. 2018) and the coverage of central intervals. For each of N draws
 * {@code θ* ~ p(θ)}, {@code x* ~ p(x | θ*)}, L posterior draws give the rank {@code r_d = #{l : θ_l,d < θ*_d}}
 * per parameter; for a calibrated posterior r_d is uniform on {0, …, L}. As sbi's {@code check_sbc}, each
 * parameter's ranks are tested against {@code U(0, L)} with a Kolmogorov–Smirnov test (p-value from the
 * Kolmogorov distribution with Stephens' small-sample factor {@code √N + 0.12 + 0.11/√N}). The coverage at level
 * γ is the fraction of θ*_d inside the central interval between the posterior's {@code (1 ∓ γ)/2} quantiles.
 */
public final class Calibration {
    /** Draws a posterior at one observation. */
    @FunctionalInterface
    public interface PosteriorSampler {
        /** {@code n} draws {@code [n, D]} from {@code p(θ | x)}. */
        Tensor sample(int n, Tensor x, Rng rng);
    }

    /**
     * @param ranks      {@code [N][D]} ranks in {@code 0..L}
     * @param histograms {@code [D][bins]} rank counts
     * @param ksPValues  per parameter
     * @param levels     the interval levels γ
     * @param coverage   {@code [levels][D]} empirical coverage
     */
    public record Report(int[][] ranks, int[][] histograms, double[] ksPValues, double[] levels, double[][] coverage) {
        /** The smallest KS p-value over the parameters. */
        public double minPValue() {
            double m = 1;
            for (double p : ksPValues) {
                m = Math.min(m, p);
            }
            return m;
        }
    }

    private Calibration() {
    }

    /** Runs SBC with {@code n} prior draws and {@code l} posterior draws each, rank histograms of {@code bins}. */
    public static Report run(PosteriorSampler posterior, VectorPrior prior, Simulator simulator, int n, int l,
            int bins, double[] levels, Rng rng) {
        if (n < 2 || l < 1 || bins < 1) {
            throw new IllegalArgumentException("Calibration: need n >= 2, l >= 1, bins >= 1, got " + n + ", " + l
                    + ", " + bins);
        }
        int d = prior.dim();
        Tensor truth = prior.sample(n, rng.split());
        Tensor x = simulator.simulate(truth, rng.split()).to(DType.F64);
        double[] t = truth.contiguous().toDoubleArray();
        int[][] ranks = new int[n][d];
        double[][] coverage = new double[levels.length][d];
        for (int i = 0; i < n; i++) {
            double[] draws = posterior.sample(l, x.narrow(0, i, 1).reshape(x.size(1)), rng.split()).to(DType.F64)
                    .contiguous().toDoubleArray();
            for (int p = 0; p < d; p++) {
                double[] column = new double[l];
                for (int s = 0; s < l; s++) {
                    column[s] = draws[s * d + p];
                    ranks[i][p] += column[s] < t[i * d + p] ? 1 : 0;
                }
                java.util.Arrays.sort(column);
                for (int g = 0; g < levels.length; g++) {
                    double lo = Ranks.quantileSorted(column, (1 - levels[g]) / 2);
                    double hi = Ranks.quantileSorted(column, (1 + levels[g]) / 2);
                    coverage[g][p] += t[i * d + p] >= lo && t[i * d + p] <= hi ? 1.0 / n : 0;
                }
            }
        }
        return new Report(ranks, histograms(ranks, l, bins), ksPValues(ranks, l), levels.clone(), coverage);
    }

    private static int[][] histograms(int[][] ranks, int l, int bins) {
        int d = ranks[0].length;
        int[][] h = new int[d][bins];
        for (int[] row : ranks) {
            for (int p = 0; p < d; p++) {
                h[p][Math.min(bins - 1, (int) ((long) row[p] * bins / (l + 1)))]++;
            }
        }
        return h;
    }

    private static double[] ksPValues(int[][] ranks, int l) {
        int n = ranks.length;
        int d = ranks[0].length;
        double[] p = new double[d];
        for (int j = 0; j < d; j++) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = ranks[i][j];
            }
            double stat = Ranks.ksStatistic(r, v -> Math.min(1, Math.max(0, v / l)));
            p[j] = kolmogorovPValue(stat, n);
        }
        return p;
    }

    /** {@code P(D_n > d)} by {@code Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}}, {@code λ = (√n + 0.12 + 0.11/√n) d}. */
    public static double kolmogorovPValue(double d, int n) {
        double sqrtN = Math.sqrt(n);
        double lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d;
        if (lambda < 0.2) {
            return 1;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-16) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }
}
