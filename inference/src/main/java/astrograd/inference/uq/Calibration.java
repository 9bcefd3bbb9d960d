package astrograd.inference.uq;

import astrograd.inference.stats.NormalDistribution;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Calibration checks of predictive distributions against held-out truths: interval coverage at any level,
 * probability-integral-transform (PIT) values and histograms, calibration curves, the continuous ranked
 * probability score (CRPS) and the Gaussian negative log-likelihood. Arrays hold one scalar quantity over
 * examples; the {@code Tensor} overloads take {@code [N, D]} and answer per column d.
 */
public final class Calibration {
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private Calibration() {
    }

    /**
     * Fraction of truths inside the central Gaussian interval of probability {@code level}:
     * {@code |y − μ| ≤ z σ}, {@code z = Φ⁻¹((1 + level)/2)}.
     */
    public static double coverage(double[] mean, double[] std, double[] y, double level) {
        check(mean, std, y);
        double z = NormalDistribution.quantile(0.5 + checkLevel(level) / 2);
        int inside = 0;
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i] - mean[i]) <= z * std[i]) {
                inside++;
            }
        }
        return (double) inside / y.length;
    }

    /** {@link #coverage(double[], double[], double[], double)} per column of {@code [N, D]} tensors. */
    public static double[] coverage(Tensor mean, Tensor std, Tensor y, double level) {
        int d = columns(mean, std, y);
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            out[k] = coverage(column(mean, k), column(std, k), column(y, k), level);
        }
        return out;
    }

    /**
     * Fraction of truths inside the central sample interval of probability {@code level}: between the
     * {@code (1 − level)/2} and {@code (1 + level)/2} quantiles of each row's samples.
     *
     * @param samples {@code samples[i]} are the draws for truth {@code y[i]}
     */
    public static double coverage(double[][] samples, double[] y, double level) {
        if (samples.length != y.length || y.length == 0) {
            throw new IllegalArgumentException("Calibration.coverage: " + samples.length + " sample sets for "
                    + y.length + " truths");
        }
        checkLevel(level);
        int inside = 0;
        for (int i = 0; i < y.length; i++) {
            double[] s = samples[i].clone();
            Arrays.sort(s);
            if (y[i] >= quantileSorted(s, 0.5 - level / 2) && y[i] <= quantileSorted(s, 0.5 + level / 2)) {
                inside++;
            }
        }
        return (double) inside / y.length;
    }

    /** Gaussian PIT values {@code Φ((y − μ)/σ)}: uniform on (0, 1) for a calibrated predictive. */
    public static double[] pit(double[] mean, double[] std, double[] y) {
        check(mean, std, y);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = NormalDistribution.cdf((y[i] - mean[i]) / std[i]);
        }
        return out;
    }

    /** Sample PIT values: the fraction of each row's samples below its truth (ties count half). */
    public static double[] pit(double[][] samples, double[] y) {
        if (samples.length != y.length) {
            throw new IllegalArgumentException("Calibration.pit: " + samples.length + " sample sets for " + y.length
                    + " truths");
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double below = 0;
            for (double s : samples[i]) {
                below += s < y[i] ? 1 : s == y[i] ? 0.5 : 0;
            }
            out[i] = below / samples[i].length;
        }
        return out;
    }

    /** Counts of PIT values in {@code bins} equal bins over [0, 1] (1 goes into the last bin). */
    public static int[] histogram(double[] pit, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("Calibration.histogram: need >= 1 bin, got " + bins);
        }
        int[] counts = new int[bins];
        for (double u : pit) {
            if (!(u >= 0 && u <= 1)) {
                throw new IllegalArgumentException("Calibration.histogram: PIT value " + u + " is not in [0, 1]");
            }
            counts[Math.min(bins - 1, (int) (u * bins))]++;
        }
        return counts;
    }

    /**
     * The calibration (reliability) curve: the observed coverage of the central Gaussian interval at each
     * nominal level; a calibrated predictive lies on the diagonal. Equivalent to Caldeira &amp; Nord's curve
     * (fraction with {@code 2Φ(|y − μ|/σ) − 1 ≤ q}).
     */
    public static double[] calibrationCurve(double[] mean, double[] std, double[] y, double[] levels) {
        double[] out = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = coverage(mean, std, y, levels[i]);
        }
        return out;
    }

    /** The levels 0.05, 0.10, …, 0.95: a default grid for calibration curves. */
    public static double[] defaultLevels() {
        double[] out = new double[19];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.05 * (i + 1);
        }
        return out;
    }

    /**
     * Mean CRPS of Gaussians in closed form (Gneiting &amp; Raftery 2007), with {@code z = (y − μ)/σ}:
     * {@code CRPS = σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π]}. Lower is better; it is in the units of y.
     */
    public static double crpsGaussian(double[] mean, double[] std, double[] y) {
        check(mean, std, y);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double z = (y[i] - mean[i]) / std[i];
            sum += std[i] * (z * (2 * NormalDistribution.cdf(z) - 1) + 2 * NormalDistribution.pdf(z) - INV_SQRT_PI);
        }
        return sum / y.length;
    }

    /**
     * Mean sample CRPS, {@code E|X − y| − ½ E|X − X'|} over each row's S samples, with the pair term from the
     * sorted samples in O(S log S): {@code Σ_{i,j} |x_i − x_j| = 2 Σ_i (2i − S + 1) x_(i)} (0-based ranks).
     */
    public static double crpsSamples(double[][] samples, double[] y) {
        if (samples.length != y.length || y.length == 0) {
            throw new IllegalArgumentException("Calibration.crpsSamples: " + samples.length + " sample sets for "
                    + y.length + " truths");
        }
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double[] s = samples[i].clone();
            Arrays.sort(s);
            int n = s.length;
            double absToTruth = 0;
            double pairs = 0;
            for (int k = 0; k < n; k++) {
                absToTruth += Math.abs(s[k] - y[i]);
                pairs += (2.0 * k - n + 1) * s[k];
            }
            sum += absToTruth / n - pairs / ((double) n * n);
        }
        return sum / y.length;
    }

    /** Mean Gaussian NLL {@code ½ log 2π + log σ + (y − μ)²/(2σ²)}. */
    public static double gaussianNll(double[] mean, double[] std, double[] y) {
        check(mean, std, y);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double z = (y[i] - mean[i]) / std[i];
            sum += HALF_LOG_2PI + Math.log(std[i]) + 0.5 * z * z;
        }
        return sum / y.length;
    }

    /** Column {@code k} of an {@code [N, D]} tensor as doubles. */
    public static double[] column(Tensor t, int k) {
        if (t.rank() != 2 || k < 0 || k >= t.size(1)) {
            throw new IllegalArgumentException("Calibration.column: column " + k + " of " + Arrays.toString(t.shape()));
        }
        double[] v = t.to(DType.F64).contiguous().toDoubleArray();
        int n = t.size(0);
        int d = t.size(1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i * d + k];
        }
        return out;
    }

    /** The q-quantile of sorted values by linear interpolation (NumPy's default). */
    public static double quantileSorted(double[] sorted, double q) {
        if (sorted.length == 0 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Calibration.quantileSorted: quantile " + q + " of " + sorted.length
                    + " values");
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int columns(Tensor mean, Tensor std, Tensor y) {
        if (mean.rank() != 2 || !Arrays.equals(mean.shape(), std.shape()) || !Arrays.equals(mean.shape(), y.shape())) {
            throw new IllegalArgumentException("Calibration: mean " + Arrays.toString(mean.shape()) + ", std "
                    + Arrays.toString(std.shape()) + " and truth " + Arrays.toString(y.shape()) + " must be one [N, D]");
        }
        return mean.size(1);
    }

    private static void check(double[] mean, double[] std, double[] y) {
        if (mean.length != y.length || std.length != y.length || y.length == 0) {
            throw new IllegalArgumentException("Calibration: " + mean.length + " means, " + std.length + " stds and "
                    + y.length + " truths (need the same number, >= 1)");
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0)) {
                throw new IllegalArgumentException("Calibration: std " + i + " is " + std[i] + " (need > 0)");
            }
        }
    }

    private static double checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("Calibration: level must be in (0, 1), got " + level);
        }
        return level;
    }
}
