package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link Transpose16F32} moves every value to the transposed place, with strides and offsets on both sides. */
class Transpose16F32Test {

    @Test
    void everyValueLandsInItsTransposedPlace() {
        Assumptions.assumeTrue(Transpose16F32.available(), "needs 16-lane float vectors (AVX-512)");
        int lds = 37;
        int ldd = 32;
        float[] src = new float[5 + 16 * lds];
        for (int i = 0; i < src.length; i++) {
            src[i] = i == 40 ? Float.NaN : i == 41 ? -0f : i * 1.5f;
        }
        float[] dst = new float[3 + 16 * ldd];
        java.util.Arrays.fill(dst, Float.MAX_VALUE);
        Transpose16F32.transpose(src, 5, lds, dst, 3, ldd);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                assertEquals(Float.floatToRawIntBits(src[5 + c * lds + r]), Float.floatToRawIntBits(dst[3 + r * ldd + c]),
                        "row " + r + ", column " + c);
            }
            for (int c = 16; c < ldd && 3 + r * ldd + c < dst.length; c++) {
                assertEquals(Float.MAX_VALUE, dst[3 + r * ldd + c], "untouched: row " + r + ", column " + c);
            }
        }
    }
}
