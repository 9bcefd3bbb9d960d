package astrograd.astro.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Discrete Fourier transforms through JTransforms (any length: split-radix for powers of two, mixed radix and
 * Bluestein otherwise), with NumPy's conventions:
 * <ul>
 *   <li>forward: {@code X_k = Σ_{j=0}^{n−1} x_j e^{−2πi jk/n}};</li>
 *   <li>inverse: {@code x_j = (1/n) Σ_{k=0}^{n−1} X_k e^{+2πi jk/n}}.</li>
 * </ul>
 * A real input of length n has the Hermitian half-spectrum {@code k = 0 … ⌊n/2⌋} ({@code numpy.fft.rfft}).
 * Plans are cached per thread (the last few lengths), so repeated transforms of one length pay the set-up once.
 * Inputs are never modified.
 *
 * <p>Each transform runs on the calling thread: loading this class sets JTransforms' (global) thread count to 1, and
 * parallelism belongs to the callers, which run many transforms at once (periodogram segments, simulations). On
 * the 2-core test machine JTransforms' own threads made a 10⁵-point inverse transform about 9× slower under load
 * (33 ms against 3.6 ms, measured).
 */
public final class Fft {
    private static final int CACHED_PLANS = 4;
    private static final ThreadLocal<Map<Long, DoubleFFT_1D>> PLANS = ThreadLocal.withInitial(Fft::lruMap);

    static {
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private Fft() {
    }

    private static Map<Long, DoubleFFT_1D> lruMap() {
        return new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, DoubleFFT_1D> eldest) {
                return size() > CACHED_PLANS;
            }
        };
    }

    private static DoubleFFT_1D plan(int n) {
        return PLANS.get().computeIfAbsent((long) n, DoubleFFT_1D::new);
    }

    /**
     * The half-spectrum of a real sequence, {@code X_k} for {@code k = 0 … ⌊n/2⌋}.
     *
     * @param x the sequence (not modified), length ≥ 1
     * @return {@code {re, im}}, each of length {@code n/2 + 1}
     */
    public static double[][] realForward(double[] x) {
        int n = requireLength("Fft.realForward", x.length);
        double[] a = x.clone();
        plan(n).realForward(a);
        int half = n / 2;
        double[] re = new double[half + 1];
        double[] im = new double[half + 1];
        re[0] = a[0];
        for (int k = 1; k < half; k++) { // JTransforms packs X_k, 0 < k < n/2, as (a[2k], a[2k+1])
            re[k] = a[2 * k];
            im[k] = a[2 * k + 1];
        }
        if (n % 2 == 0 && n > 1) {
            re[half] = a[1];
        } else if (n > 1) {
            re[half] = a[n - 1];
            im[half] = a[1];
        }
        return new double[][] {re, im};
    }

    /**
     * The raw power {@code |X_k|²}, {@code k = 0 … ⌊n/2⌋}, of a real sequence (the unnormalised periodogram).
     *
     * @param x the sequence (not modified), length ≥ 1
     */
    public static double[] power(double[] x) {
        double[][] c = realForward(x);
        double[] p = new double[c[0].length];
        for (int k = 0; k < p.length; k++) {
            p[k] = c[0][k] * c[0][k] + c[1][k] * c[1][k];
        }
        return p;
    }

    /**
     * The real sequence of length n whose half-spectrum is {@code (re, im)} ({@code numpy.fft.irfft(X, n)}): the
     * imaginary parts of {@code X_0} and, for even n, of {@code X_{n/2}} are ignored.
     *
     * @param re real parts of {@code X_0 … X_{⌊n/2⌋}} (not modified)
     * @param im imaginary parts, same length
     * @param n the output length, with {@code re.length == n/2 + 1}
     */
    public static double[] realInverse(double[] re, double[] im, int n) {
        requireLength("Fft.realInverse", n);
        int half = n / 2;
        if (re.length != half + 1 || im.length != half + 1) {
            throw new IllegalArgumentException("Fft.realInverse: a real sequence of length " + n + " needs "
                    + (half + 1) + " coefficients, got re " + re.length + ", im " + im.length);
        }
        double[] a = new double[n];
        a[0] = re[0];
        for (int k = 1; k < half; k++) {
            a[2 * k] = re[k];
            a[2 * k + 1] = im[k];
        }
        if (n % 2 == 0 && n > 1) {
            a[1] = re[half];
        } else if (n > 1) {
            a[n - 1] = re[half];
            a[1] = im[half];
        }
        plan(n).realInverse(a, true);
        return a;
    }

    /**
     * The 2-D complex transform of {@code re + i·im} in place: forward
     * {@code X_{uv} = Σ_{jl} x_{jl} e^{−2πi (uj/rows + vl/cols)}}, or its inverse (with the {@code 1/(rows·cols)}
     * factor) when {@code inverse} is true.
     *
     * @param re real parts, {@code rows × cols} (modified: replaced by the result)
     * @param im imaginary parts, same shape (modified)
     * @param inverse false for the forward transform, true for the inverse
     */
    public static void complex2d(double[][] re, double[][] im, boolean inverse) {
        int rows = re.length;
        if (rows == 0 || im.length != rows) {
            throw new IllegalArgumentException("Fft.complex2d: re has " + rows + " rows and im " + im.length
                    + " (need the same number, at least 1)");
        }
        int cols = re[0].length;
        requireLength("Fft.complex2d", cols);
        double[][] a = new double[rows][2 * cols];
        for (int r = 0; r < rows; r++) {
            if (re[r].length != cols || im[r].length != cols) {
                throw new IllegalArgumentException("Fft.complex2d: row " + r + " has " + re[r].length + " real and "
                        + im[r].length + " imaginary values, expected " + cols + " (the length of row 0)");
            }
            for (int c = 0; c < cols; c++) {
                a[r][2 * c] = re[r][c];
                a[r][2 * c + 1] = im[r][c];
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(rows, cols);
        if (inverse) {
            fft.complexInverse(a, true);
        } else {
            fft.complexForward(a);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                re[r][c] = a[r][2 * c];
                im[r][c] = a[r][2 * c + 1];
            }
        }
    }

    private static int requireLength(String op, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": length must be at least 1, got " + n);
        }
        return n;
    }
}
