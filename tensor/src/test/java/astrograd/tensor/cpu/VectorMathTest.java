package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against double-precision {@code Math} rounded to float: error in ulps over random and
 * special arguments, exact limits, NaN, signed zero, and the same bits for array tails as for full vectors.
 */
class VectorMathTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, 1e-7f,
        0.6249999f, 0.625f, -0.625f, 0.6250001f, 1f, -1f, 9f, -9f, 10f, 20f, -20f, 80f, -80f, 87.3f, -87.3f,
        88.72f, 88.7228f, 88.73f, 89f, 100f, -100f, -103.9f, -104f, -150f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    private interface ArrayFunction {
        void apply(float[] x, int xo, float[] y, int yo, int n);
    }

    @Test
    void expIsWithinOneUlp() {
        assertWithin(VectorMath::exp, Math::exp, 1, 90);
    }

    @Test
    void tanhIsWithinTwoUlps() {
        assertWithin(VectorMath::tanh, Math::tanh, 2, 12);
    }

    @Test
    void sigmoidIsWithinTwoUlps() {
        assertWithin(VectorMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), 2, 110);
    }

    @Test
    void limitsNanAndSignedZeroAreExact() {
        float[] x = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -0f, 0f, 200f, -200f};
        assertEquals("[Infinity, 0.0, NaN, 1.0, 1.0, Infinity, 0.0]", java.util.Arrays.toString(run(VectorMath::exp, x)));
        assertEquals("[1.0, -1.0, NaN, -0.0, 0.0, 1.0, -1.0]", java.util.Arrays.toString(run(VectorMath::tanh, x)));
        assertEquals("[1.0, 0.0, NaN, 0.5, 0.5, 1.0, 0.0]", java.util.Arrays.toString(run(VectorMath::sigmoid, x)));
    }

    @Test
    void everyPositionOfAnArrayGivesTheBitsOfAFullVectorIncludingTheTailAndInPlace() {
        int n = 5 * VectorMath.S.length() + 3;
        float[] x = new float[n];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble(-30, 30));
        }
        for (ArrayFunction f : new ArrayFunction[] {VectorMath::exp, VectorMath::tanh, VectorMath::sigmoid}) {
            float[] whole = run(f, x);
            float[] inPlace = x.clone();
            f.apply(inPlace, 0, inPlace, 0, n);
            for (int i = 0; i < n; i++) {
                float[] one = new float[1];
                f.apply(x, i, one, 0, 1);
                assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(one[0]), "element " + i);
                assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(inPlace[i]), "in place " + i);
            }
        }
    }

    private static float[] run(ArrayFunction f, float[] x) {
        float[] y = new float[x.length];
        f.apply(x, 0, y, 0, x.length);
        return y;
    }

    /** Max error in ulps of the correctly rounded float (subnormal results: in units of the smallest subnormal). */
    private static void assertWithin(ArrayFunction f, DoubleUnaryOperator reference, int ulps, double range) {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 2_000_003;
        float[] x = new float[n + SPECIAL.length];
        for (int i = 0; i < n; i++) {
            double scale = i % 3 == 0 ? 1 : i % 3 == 1 ? range : 1e-3;
            x[i] = (float) (rng.nextDouble(-1, 1) * scale);
        }
        System.arraycopy(SPECIAL, 0, x, n, SPECIAL.length);
        float[] y = run(f, x);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < x.length; i++) {
            float expected = (float) reference.applyAsDouble(x[i]);
            if (Float.isNaN(expected) || Float.isInfinite(expected)) {
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(y[i]), "at " + x[i]);
                continue;
            }
            double err = Math.abs((double) y[i] - expected) / Math.max(Math.ulp(expected), Float.MIN_VALUE);
            if (err > worst) {
                worst = err;
                worstAt = x[i];
            }
        }
        assertTrue(worst <= ulps, "worst error " + worst + " ulp at x = " + worstAt);
    }
}
