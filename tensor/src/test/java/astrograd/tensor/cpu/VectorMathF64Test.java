package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link VectorMathF64#expShifted} against {@code StrictMath.exp}: ulps, limits, tails, the shift. */
class VectorMathF64Test {
    @Test
    void expIsWithinTwoUlpsOfFdlibm() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 1_000_003;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double range = i % 3 == 0 ? 1 : i % 3 == 1 ? 745 : 1e-6;
            x[i] = rng.nextDouble(-range, range);
        }
        x[0] = 709.78;
        x[1] = -708.3;
        x[2] = -745.1;
        x[3] = -740;
        double[] y = new double[n];
        VectorMathF64.expShifted(x, 0, 0, y, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double expected = StrictMath.exp(x[i]);
            if (y[i] == expected) {
                continue;
            }
            double ulp = Math.max(Math.ulp(expected), Double.MIN_VALUE);
            worst = Math.max(worst, Math.abs(y[i] - expected) / ulp);
        }
        assertTrue(worst <= 2, "max error " + worst + " ulp");
    }

    @Test
    void limitsNanAndTheShift() {
        double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -0.0, 0, 710, -746, 1000.5};
        double[] y = new double[x.length];
        VectorMathF64.expShifted(x, 0, 0, y, 0, x.length);
        assertEquals("[Infinity, 0.0, NaN, 1.0, 1.0, Infinity, 0.0, Infinity]", Arrays.toString(y));
        VectorMathF64.expShifted(x, 0, 1000, y, 0, x.length);
        assertEquals(StrictMath.exp(0.5), y[7], Math.ulp(StrictMath.exp(0.5)));
    }

    @Test
    void everyPositionGivesTheBitsOfAFullVector() {
        int n = 5 * VectorMathF64Test.lanes() + 3;
        double[] x = new double[n];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-30, 30);
        }
        double[] whole = new double[n];
        VectorMathF64.expShifted(x, 0, 1.5, whole, 0, n);
        for (int i = 0; i < n; i++) {
            double[] one = new double[1];
            VectorMathF64.expShifted(x, i, 1.5, one, 0, 1);
            assertEquals(Double.doubleToRawLongBits(whole[i]), Double.doubleToRawLongBits(one[0]), "element " + i);
        }
    }

    private static int lanes() {
        return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
    }
}
