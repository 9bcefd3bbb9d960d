package astrograd.tensor.optable;

import astrograd.tensor.DType;
import java.util.SplittableRandom;

/**
 * Where an op's input values are drawn from: chosen so the op is defined, well conditioned, and (for
 * DISCRETE) hits ties and equalities. Integer dtypes draw small integers of the same sign pattern.
 */
enum Domain {
    /** Uniform in (-3, 3). */
    ANY,
    /** Uniform in (-8, 8): saturating ops (tanh, sigmoid, softplus, erf). */
    WIDE,
    /** Uniform in (0.1, 4): log, sqrt, rsqrt, pow's base. */
    POSITIVE,
    /** |x| in (0.5, 3) with a random sign: a divisor. */
    NONZERO,
    /** Uniform in (-0.9, 4): log1p. */
    ABOVE_MINUS_ONE,
    /** Uniform in (-3.5, 6) at least 0.1 away from the poles 0, -1, -2, -3: lgamma. */
    LGAMMA,
    /** |x| in (0.6, 1.4) with a random sign: products of many factors stay finite. */
    NEAR_ONE,
    /** One of -1, -0.5, 0, 0.5, 1 (integers: -2..2): ties for argmax, equalities for comparisons. */
    DISCRETE,
    /** Uniform in (-5, 5), a quarter of them whole numbers and a tenth zero: casts. */
    CAST,
    /** True or false with equal odds (BOOL). */
    BOOL,
    /** Symmetric positive definite matrices (drawn by the linalg rows). */
    SPD,
    /** Triangular matrices with |diagonal| in [1, 2] (drawn by the linalg rows). */
    TRIANGULAR,
    /** Integer positions valid for the indexed axis (drawn by the op's own generator). */
    INDEX;

    double sample(SplittableRandom r, DType dtype) {
        boolean integer = dtype.isInteger();
        double v;
        switch (this) {
            case ANY: v = integer ? r.nextInt(-5, 6) : r.nextDouble(-3, 3); break;
            case WIDE: v = integer ? r.nextInt(-8, 9) : r.nextDouble(-8, 8); break;
            case POSITIVE: v = integer ? r.nextInt(1, 6) : r.nextDouble(0.1, 4); break;
            case NONZERO: v = (r.nextBoolean() ? 1 : -1) * (integer ? r.nextInt(1, 4) : r.nextDouble(0.5, 3)); break;
            case ABOVE_MINUS_ONE: v = r.nextDouble(-0.9, 4); break;
            case LGAMMA: v = lgammaPoint(r); break;
            case NEAR_ONE: v = (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.6, 1.4); break;
            case DISCRETE: v = integer ? r.nextInt(-2, 3) : r.nextInt(-2, 3) * 0.5; break;
            case CAST: v = castPoint(r); break;
            case BOOL: v = r.nextBoolean() ? 1 : 0; break;
            default: throw new IllegalStateException(this + " values come from the op's generator");
        }
        return Nd.roundTo(dtype, v);
    }

    private static double lgammaPoint(SplittableRandom r) {
        while (true) {
            double v = r.nextDouble(-3.5, 6);
            if (v > 0.1 || Math.abs(v - Math.rint(v)) >= 0.1) {
                return v;
            }
        }
    }

    private static double castPoint(SplittableRandom r) {
        double u = r.nextDouble();
        if (u < 0.1) {
            return 0;
        }
        return u < 0.35 ? r.nextInt(-5, 6) : r.nextDouble(-5, 5);
    }

    /** An array of the shape filled from this domain. */
    Nd fill(SplittableRandom r, DType dtype, int[] shape) {
        DType dt = this == BOOL ? DType.BOOL : dtype;
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = sample(r, dt);
        }
        return new Nd(dt, shape, v);
    }
}
