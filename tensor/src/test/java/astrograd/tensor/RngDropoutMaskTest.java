package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngDropoutMaskTest {
    @Test
    void fusedMaskEqualsTheDocumentedCompositionOfTheUniformFill() {
        for (double p : new double[] {0, 0.1, 0.5, 0.9}) {
            float[] fused = new Rng(42).dropoutMask(DType.F32, p, 37, 101).toFloatArray();
            float[] composed = new Rng(42).rand(DType.F32, 37, 101).lt(1 - p).to(DType.F32).mul(1 / (1 - p))
                    .toFloatArray();
            assertArrayEquals(composed, fused, "p = " + p);
            double[] fused64 = new Rng(42).dropoutMask(DType.F64, p, 37, 101).toDoubleArray();
            double[] composed64 = new Rng(42).rand(DType.F32, 37, 101).lt(1 - p).to(DType.F64).mul(1 / (1 - p))
                    .toDoubleArray();
            assertArrayEquals(composed64, fused64, "F64, p = " + p);
        }
    }

    @Test
    void keepsAboutOneMinusPScaledSoTheMeanIsOne() {
        double p = 0.3;
        Tensor mask = new Rng(7).dropoutMask(DType.F32, p, 200_000);
        float scale = (float) (1 / (1 - p));
        int kept = 0;
        for (float v : mask.toFloatArray()) {
            assertTrue(v == 0f || v == scale, "mask value " + v);
            kept += v == 0f ? 0 : 1;
        }
        double rate = kept / 200_000.0;
        assertEquals(1 - p, rate, 4 * Math.sqrt(p * (1 - p) / 200_000), "keep rate");
        assertEquals(1.0, mask.mean().item(), 0.01);
    }

    @Test
    void advancesTheStreamLikeAnF32FillAndRefusesBadRates() {
        Rng a = new Rng(3);
        Rng b = new Rng(3);
        a.dropoutMask(DType.F32, 0.2, 10);
        b.rand(DType.F32, 10);
        assertEquals(b.nextLong(), a.nextLong());
        assertArrayEquals(new float[4], new Rng(1).dropoutMask(DType.F32, 1, 4).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> new Rng(1).dropoutMask(DType.F32, 1.5, 4));
        assertThrows(IllegalArgumentException.class, () -> new Rng(1).dropoutMask(DType.F32, Double.NaN, 4));
        assertThrows(DTypeException.class, () -> new Rng(1).dropoutMask(DType.I64, 0.5, 4));
    }
}
