package astrograd.autodiff.gradtable;

import astrograd.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Where a differentiable input's values are drawn from: chosen so the op is smooth in a neighbourhood of
 * every drawn point that is wider than the finite-difference step (off kinks, ties, poles and branch
 * cuts). {@code make_grad_fixtures.py} draws from the same domains under the same names.
 */
enum Domain {
    /** Uniform in (-3, 3). */
    ANY,
    /** Uniform in (-6, 6): saturating ops (tanh, sigmoid, softplus, erf). */
    WIDE,
    /** Uniform in (0.2, 3): log, sqrt, rsqrt, pow's base. */
    POSITIVE,
    /** |x| in (0.5, 2) with a random sign: divisors. */
    NONZERO,
    /** Uniform in (-0.8, 3): log1p. */
    ABOVE_MINUS_ONE,
    /** Uniform in (0.3, 6): lgamma on the positive axis. */
    LGAMMA,
    /** |x| in (0.6, 1.4) with a random sign: products of many factors. */
    NEAR_ONE,
    /** |x| in (0.1, 3) with a random sign: abs, relu, sign (kink at 0). */
    AWAY_FROM_ZERO,
    /** Multiples of 0.2 in [-2.4, 2.4]: one side of a comparison that never ties with {@link #GRID_ODD}. */
    GRID_EVEN,
    /** Odd multiples of 0.1 in [-2.5, 2.5]: at least 0.1 from every {@link #GRID_EVEN} value and from 0. */
    GRID_ODD,
    /**
     * A shuffle of {@code 0.15 k + jitter}, k = 0..n-1, centred, jitter in [0, 0.05): all distinct, at least
     * 0.1 apart (max/min reductions and max pooling without ties).
     */
    DISTINCT,
    /** One of -1, -0.5, 0, 0.5, 1: ties and kinks on purpose (rows compared with PyTorch only). */
    DISCRETE,
    /** 0 or uniform in (1, 2) at equal odds: pow's base and exponent at 0 on purpose (PyTorch only). */
    ZERO_OR_ABOVE_ONE,
    /**
     * Rows along the last axis: even rows constant (one multiple of 1/8 in [-3, 3] repeated, so that any
     * summation order gives the exact mean), odd rows uniform in (-3, 3): std of constant data on purpose
     * (PyTorch only).
     */
    PLATEAUS,
    /** Symmetric positive definite matrices over the last two axes: {@code X Xᵀ / n + I}. */
    SPD,
    /** Lower triangular, |diagonal| in [1, 2] with random sign, strict lower in (-1, 1), zero above. */
    LOWER,
    /** Upper triangular, as {@link #LOWER} transposed. */
    UPPER,
    /** Lower triangular with positive diagonal in [1, 2]: a Cholesky factor. */
    CHOLESKY_FACTOR;

    /** An F64 tensor of the shape drawn from this domain. */
    Tensor fill(SplittableRandom r, int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] v = new double[n];
        switch (this) {
            case DISTINCT: distinct(r, v); break;
            case SPD: spd(r, v, shape); break;
            case LOWER:
            case UPPER:
            case CHOLESKY_FACTOR: triangular(r, v, shape); break;
            case PLATEAUS: plateaus(r, v, shape[shape.length - 1]); break;
            default:
                for (int i = 0; i < n; i++) {
                    v[i] = scalar(r);
                }
        }
        return Tensor.of(v, shape);
    }

    private double scalar(SplittableRandom r) {
        switch (this) {
            case ANY: return r.nextDouble(-3, 3);
            case WIDE: return r.nextDouble(-6, 6);
            case POSITIVE: return r.nextDouble(0.2, 3);
            case NONZERO: return sign(r) * r.nextDouble(0.5, 2);
            case ABOVE_MINUS_ONE: return r.nextDouble(-0.8, 3);
            case LGAMMA: return r.nextDouble(0.3, 6);
            case NEAR_ONE: return sign(r) * r.nextDouble(0.6, 1.4);
            case AWAY_FROM_ZERO: return sign(r) * r.nextDouble(0.1, 3);
            case GRID_EVEN: return 0.2 * r.nextInt(-12, 13);
            case GRID_ODD: return 0.1 * (2 * r.nextInt(-12, 13) + 1);
            case DISCRETE: return 0.5 * r.nextInt(-2, 3);
            case ZERO_OR_ABOVE_ONE: return r.nextBoolean() ? 0 : r.nextDouble(1, 2);
            default: throw new IllegalStateException(this + " is not drawn element by element");
        }
    }

    private static double sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }

    private static void distinct(SplittableRandom r, double[] v) {
        int n = v.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int i = 0; i < n; i++) {
            v[i] = 0.15 * (perm[i] - n / 2.0) + r.nextDouble(0, 0.05);
        }
    }

    private static void plateaus(SplittableRandom r, double[] v, int rowLength) {
        for (int i = 0; i < v.length; i++) {
            boolean constantRow = (i / rowLength) % 2 == 0;
            if (!constantRow) {
                v[i] = r.nextDouble(-3, 3);
            } else {
                v[i] = i % rowLength > 0 ? v[i - 1] : r.nextInt(-24, 25) / 8.0;
            }
        }
    }

    private static void spd(SplittableRandom r, double[] v, int[] shape) {
        int m = shape[shape.length - 1];
        for (int base = 0; base < v.length; base += m * m) {
            double[] x = new double[m * m];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble(-1, 1);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += x[i * m + k] * x[j * m + k];
                    }
                    v[base + i * m + j] = s / m + (i == j ? 1 : 0);
                }
            }
        }
    }

    private void triangular(SplittableRandom r, double[] v, int[] shape) {
        int m = shape[shape.length - 1];
        for (int base = 0; base < v.length; base += m * m) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    boolean kept = this == UPPER ? j >= i : j <= i;
                    double d = r.nextDouble(1, 2) * (this == CHOLESKY_FACTOR ? 1 : sign(r));
                    v[base + i * m + j] = !kept ? 0 : i == j ? d : r.nextDouble(-1, 1);
                }
            }
        }
    }
}
