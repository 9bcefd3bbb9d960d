package astrograd.inference.stats;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Ranks, quantiles and the Kolmogorov–Smirnov statistic. */
public final class Ranks {
    private Ranks() {
    }

    /** Ranks 1 … n with ties given their average rank (as {@code scipy.stats.rankdata(method='average')}). */
    public static double[] averageRanks(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int lo = firstIndex(sorted, x[i]);
            int hi = lo + 1 < sorted.length && sorted[lo + 1] == x[i] ? lastIndex(sorted, x[i]) : lo;
            r[i] = 0.5 * (lo + hi) + 1;
        }
        return r;
    }

    /**
     * Spearman's rank correlation: Pearson's correlation of the {@link #averageRanks} of {@code a} and {@code b},
     * {@code Σ(rᵢ − r̄)(sᵢ − s̄) / √(Σ(rᵢ − r̄)² Σ(sᵢ − s̄)²)}.
     *
     * @throws IllegalArgumentException when the lengths differ or are below 2
     */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("spearman: need two samples of one length >= 2, got " + a.length + " and "
                    + b.length);
        }
        double[] ra = averageRanks(a);
        double[] rb = averageRanks(b);
        double mean = (a.length + 1) / 2.0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - mean) * (rb[i] - mean);
            saa += (ra[i] - mean) * (ra[i] - mean);
            sbb += (rb[i] - mean) * (rb[i] - mean);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static int firstIndex(double[] s, double v) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(s[mid], v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lastIndex(double[] s, double v) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(s[mid], v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The p-quantile of sorted data by linear interpolation, {@code x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])}, {@code h = (n − 1)p}. */
    public static double quantileSorted(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile: need data and p in [0, 1], got " + sorted.length
                    + " values, p = " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The p-quantile of unsorted data (see {@link #quantileSorted}). */
    public static double quantile(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        return quantileSorted(s, p);
    }

    /** Kolmogorov–Smirnov statistic {@code sup |F_n(x) − F(x)|} of a sample against a continuous CDF. */
    public static double ksStatistic(double[] x, DoubleUnaryOperator cdf) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }
}
