package astrograd.inference.stats;

/** A radix-2 complex FFT and the autocovariance it gives. */
public final class Fft {
    private Fft() {
    }

    /** The smallest power of two {@code >= n} (n >= 1). */
    public static int nextPowerOfTwo(int n) {
        if (n < 1 || n > (1 << 30)) {
            throw new IllegalArgumentException("fft: size must be in [1, 2^30], got " + n);
        }
        return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /**
     * In-place transform {@code X_k = Σⱼ xⱼ e^{∓2πi jk/n}} (minus sign forward; the inverse is not scaled) of
     * {@code re + i·im}, n a power of two: iterative Cooley–Tukey after a bit-reversal permutation.
     */
    public static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (im.length != n || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("fft: need equal lengths that are a power of two, got " + n + " and "
                    + im.length);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            double angle = sign * 2 * Math.PI / len;
            double[] cos = new double[half];
            double[] sin = new double[half];
            for (int k = 0; k < half; k++) {
                cos[k] = Math.cos(angle * k);
                sin[k] = Math.sin(angle * k);
            }
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * cos[k] - im[b] * sin[k];
                    double xi = re[b] * sin[k] + im[b] * cos[k];
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /**
     * The biased autocovariance {@code γ(t) = (1/N) Σ_{i<N−t} (xᵢ − x̄)(x_{i+t} − x̄)}, t = 0 … N−1, through an FFT
     * zero-padded to {@code 2·nextPow2(N)} (no circular wrap-around).
     */
    public static double[] autocovariance(double[] x) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("autocovariance: empty series");
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        int m = 2 * nextPowerOfTwo(n);
        double[] re = new double[m];
        double[] im = new double[m];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] - mean;
        }
        transform(re, im, false);
        for (int k = 0; k < m; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        transform(re, im, true);
        double[] acov = new double[n];
        for (int t = 0; t < n; t++) {
            acov[t] = re[t] / ((double) m * n);
        }
        return acov;
    }
}
