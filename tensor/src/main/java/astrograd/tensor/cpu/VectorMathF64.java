package astrograd.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision {@code e^{x − shift}} over arrays, vectorized with exactly rounded IEEE operations only, as
 * {@link VectorMath} in single precision (the Vector API's lanewise EXP gives other bits once C2 has compiled it):
 * the same bits compiled or interpreted, on every lane and in array tails. Error against the correctly rounded
 * result: at most 2 ulp (checked in the tests against {@code StrictMath.exp}); NaN gives NaN, the infinities
 * their limits.
 *
 * <p>{@code k = rint(d / ln 2)}, {@code r = d − k ln 2} (two-part ln 2, |r| ≤ ln2/2), the degree 13 Taylor polynomial
 * of {@code e^r} (truncation below 5e-18), scaled by {@code 2^k} as two powers of two so that subnormal results are
 * formed by one rounding. The difference {@code d = x − shift} is clamped to [−746, 710] first, beyond which the
 * result is 0 or ∞ anyway.
 */
final class VectorMathF64 {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final double ROUNDER = 0x1.8p52;     // adding it rounds to an integer
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;

    private VectorMathF64() {
    }

    /** {@code y[yo + i] = e^{x[xo + i] − shift}} for i in [0, n), the difference rounded first; x and y may be the same run. */
    static void expShifted(double[] x, int xo, double shift, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector c = DoubleVector.fromArray(S, x, xo + i).sub(shift).max(-746.0).min(710.0);
            DoubleVector t = c.fma(LOG2E, ROUNDER);
            DoubleVector k = t.sub(ROUNDER);
            DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), c);
            r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
            DoubleVector p = r.fma(1.0 / 6227020800L, 1.0 / 479001600);
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 39916800));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 3628800));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 362880));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 40320));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 5040));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 720));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 120));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 24));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 6));
            p = p.fma(r, DoubleVector.broadcast(S, 0.5));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0));
            LongVector ki = t.reinterpretAsLongs().sub(ROUNDER_BITS);
            LongVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
            LongVector k2 = ki.sub(k1);
            DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            p.mul(s1).mul(s2).intoArray(y, yo + i);
        }
        if (i < n) {
            double[] tail = new double[L];
            System.arraycopy(x, xo + i, tail, 0, n - i);
            expShifted(tail, 0, shift, tail, 0, L);
            System.arraycopy(tail, 0, y, yo + i, n - i);
        }
    }
}
