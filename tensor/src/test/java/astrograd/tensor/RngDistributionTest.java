package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statistical checks with fixed seeds; tolerances are about 5 standard errors, so a correct generator
 * fails them with negligible probability (and, the seeds being fixed, never flakily).
 */
class RngDistributionTest {
    private static final int N = 1 << 20;

    /** Standard normal CDF at -2, -1, -0.5, 0, 0.5, 1, 2 (tabulated). */
    private static final double[] Z = {-2, -1, -0.5, 0, 0.5, 1, 2};
    private static final double[] PHI = {0.022750131948179, 0.158655253931457, 0.308537538725987, 0.5,
        0.691462461274013, 0.841344746068543, 0.977249868051821};

    @Test
    void uniformF32IsInRangeWithRightMoments() {
        checkUniform(toDouble(new Rng(1).rand(DType.F32, N).toFloatArray()), 0, 1);
    }

    @Test
    void uniformF64IsInRangeWithRightMoments() {
        checkUniform(new Rng(2).rand(DType.F64, 1024, 1024).toDoubleArray(), 0, 1);
    }

    @Test
    void uniformLoHi() {
        Tensor t = new Rng(3).uniform(DType.F64, -2, 3, N);
        checkUniform(t.toDoubleArray(), -2, 3);
        checkUniform(toDouble(new Rng(3).uniform(DType.F32, 10, 12, N).toFloatArray()), 10, 12);
        double[] u = new Rng(3).rand(DType.F64, 8).toDoubleArray();
        double[] v = new Rng(3).uniform(DType.F64, -2, 3, 8).toDoubleArray();
        for (int i = 0; i < 8; i++) {
            assertEquals(u[i] * 5 - 2, v[i], 0.0, "lo + (hi - lo) * u");
        }
    }

    @Test
    void normalMomentsAndCdf() {
        checkNormal(new Rng(4).randn(DType.F64, N).toDoubleArray(), 0, 1);
        checkNormal(toDouble(new Rng(5).randn(DType.F32, N).toFloatArray()), 0, 1);
        checkNormal(new Rng(6).normal(DType.F64, 3, 0.5, N).toDoubleArray(), 3, 0.5);
        checkNormal(toDouble(new Rng(7).normal(DType.F32, -1, 2, 1001, 1001).toFloatArray()), -1, 2);
    }

    @Test
    void randintCoversTheRangeUniformly() {
        long[] x = new Rng(8).randint(-3, 7, N).toLongArray();
        int[] counts = new int[10];
        for (long v : x) {
            assertTrue(v >= -3 && v < 7, "value " + v);
            counts[(int) (v + 3)]++;
        }
        double expected = N / 10.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 9 degrees of freedom: P(chi2 > 33) < 1e-4
        assertTrue(chi2 < 33, "chi2 " + chi2 + " for " + Arrays.toString(counts));
    }

    @Test
    void randintWithHeavyRejectionIsExactAndMatchesTheSpec() {
        // range 2^63 + 1: about half of the first draws are rejected and redrawn
        long lo = Long.MIN_VALUE;
        long hi = 1;
        long range = hi - lo;
        long key = 77;
        int n = 4001;
        long[] got = new Rng(key, 10).randint(lo, hi, n).toLongArray();
        int redrawn = 0;
        for (int i = 0; i < n; i++) {
            long block = 10 + i / 2;
            int slot = i % 2;
            int[] w = new int[4];
            long x = 0;
            long threshold = Long.remainderUnsigned(-range, range);
            for (int attempt = 0; ; attempt++) {
                Philox.block((int) block, (int) (block >>> 32), attempt, 0, (int) key, (int) (key >>> 32), w, 0);
                x = ((long) w[2 * slot + 1] << 32) | (w[2 * slot] & 0xffffffffL);
                if (Long.compareUnsigned(x * range, threshold) >= 0) {
                    redrawn += attempt > 0 ? 1 : 0;
                    break;
                }
            }
            java.math.BigInteger m = new java.math.BigInteger(Long.toUnsignedString(x))
                    .multiply(new java.math.BigInteger(Long.toUnsignedString(range)));
            long expected = lo + m.shiftRight(64).longValue();
            assertEquals(expected, got[i], "element " + i);
            assertTrue(got[i] >= lo && got[i] < hi);
        }
        assertTrue(redrawn > n / 3 && redrawn < 2 * n / 3, "redrawn " + redrawn);
    }

    @Test
    void randintFullWidth() {
        long[] x = new Rng(9).randint(Long.MIN_VALUE, Long.MAX_VALUE, 1000).toLongArray();
        int negative = 0;
        for (long v : x) {
            assertTrue(v != Long.MAX_VALUE);
            negative += v < 0 ? 1 : 0;
        }
        assertTrue(negative > 400 && negative < 600, "negatives " + negative);
        assertArrayEquals(new long[] {5, 5, 5}, new Rng(9).randint(5, 6, 3).toLongArray());
    }

    @Test
    void permutationIsAPermutationAndUniform() {
        long[] p = new Rng(10).permutation(1000).toLongArray();
        long[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        Rng rng = new Rng(11);
        Map<String, Integer> counts = new HashMap<>();
        int trials = 60000;
        for (int t = 0; t < trials; t++) {
            counts.merge(Arrays.toString(rng.permutation(3).toLongArray()), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        for (int c : counts.values()) {
            assertEquals(trials / 6.0, c, 5 * Math.sqrt(trials / 6.0), counts.toString());
        }
    }

    @Test
    void bernoulliFrequency() {
        boolean[] b = new Rng(12).bernoulli(0.3, N).toBooleanArray();
        assertEquals(DType.BOOL, new Rng(12).bernoulli(0.3, 2).dtype());
        double freq = count(b) / (double) N;
        assertEquals(0.3, freq, 5 * Math.sqrt(0.3 * 0.7 / N));
        assertEquals(0, count(new Rng(12).bernoulli(0, 1000).toBooleanArray()));
        assertEquals(1000, count(new Rng(12).bernoulli(1, 1000).toBooleanArray()));
    }

    @Test
    void bernoulliWithTensorProbabilities() {
        // rows of probabilities 0, 1, 0.25, 0.75 expanded along a non-contiguous axis
        Tensor probs = Tensor.of(new float[] {0, 1, 0.25f, 0.75f}).reshape(4, 1).expand(4, 50000).transpose(0, 1);
        Tensor draws = new Rng(13).bernoulli(probs);
        assertArrayEquals(new int[] {50000, 4}, draws.shape());
        boolean[] b = draws.toBooleanArray();
        int[] ones = new int[4];
        for (int i = 0; i < b.length; i++) {
            ones[i % 4] += b[i] ? 1 : 0;
        }
        assertEquals(0, ones[0]);
        assertEquals(50000, ones[1]);
        assertEquals(0.25 * 50000, ones[2], 5 * Math.sqrt(50000 * 0.25 * 0.75));
        assertEquals(0.75 * 50000, ones[3], 5 * Math.sqrt(50000 * 0.25 * 0.75));
        // the scalar and tensor forms agree on the same stream
        Tensor half = Tensor.full(DType.F64, 0.5, 100);
        assertArrayEquals(new Rng(14).bernoulli(0.5, 100).toBooleanArray(), new Rng(14).bernoulli(half).toBooleanArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Rng(1).bernoulli(Tensor.of(new double[] {0.5, 1.5})));
        assertTrue(e.getMessage().contains("flat index 1"), e.getMessage());
    }

    private static void checkUniform(double[] x, double lo, double hi) {
        double mean = 0;
        for (double v : x) {
            assertTrue(v >= lo && v < hi, "value " + v + " outside [" + lo + ", " + hi + ")");
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        double w = hi - lo;
        assertEquals(lo + w / 2, mean, 5 * w * Math.sqrt(1.0 / 12 / x.length), "mean");
        // Var of (u - 1/2)^2 is 1/180 for a unit width
        assertEquals(w * w / 12, var, 5 * w * w * Math.sqrt(1.0 / 180 / x.length), "variance");
    }

    private static void checkNormal(double[] x, double mu, double sigma) {
        int n = x.length;
        double mean = Arrays.stream(x).sum() / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - mean) / sigma;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        assertEquals(mu, mean, 5 * sigma / Math.sqrt(n), "mean");
        assertEquals(1, m2, 5 * Math.sqrt(2.0 / n), "variance / sigma^2");
        assertEquals(0, m3, 5 * Math.sqrt(15.0 / n), "third standardized moment");
        assertEquals(3, m4, 5 * Math.sqrt(96.0 / n), "fourth standardized moment");
        for (int k = 0; k < Z.length; k++) {
            double edge = mu + sigma * Z[k];
            long below = Arrays.stream(x).filter(v -> v < edge).count();
            assertEquals(PHI[k], below / (double) n, 5 * Math.sqrt(PHI[k] * (1 - PHI[k]) / n), "CDF at z = " + Z[k]);
        }
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
