package astrograd.benchmarks;

import astrograd.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Random benchmark inputs from a seeded {@link SplittableRandom}: the values only need to be ordinary
 * (finite, of unit scale, no denormals), not to match any other generator.
 */
final class BenchInputs {
    private final SplittableRandom random;

    BenchInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** An F32 tensor of the given shape with standard-normal entries. */
    Tensor normalF32(int... shape) {
        float[] flat = new float[numel(shape)];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) gaussian();
        }
        return Tensor.of(flat, shape);
    }

    /** An F64 tensor of the given shape with standard-normal entries. */
    Tensor normalF64(int... shape) {
        double[] flat = new double[numel(shape)];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = gaussian();
        }
        return Tensor.of(flat, shape);
    }

    /** Box–Muller: {@code sqrt(-2 ln u1) * cos(2 pi u2)} with u1 in (0, 1]. */
    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
