package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FftDenseTest {
    @Test
    void matchesTheDirectCorrelationAcrossBlockBoundaries() {
        Rng rng = new Rng(17);
        int out = 3;
        int in = 4;
        int taps = 50;
        float[] w = new float[out * in * taps];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        FftDense dense = new FftDense(Tensor.of(w, out, in, taps));
        int[] lengths = {600, 49, 50, 257};
        float[][] x = new float[lengths.length][];
        for (int p = 0; p < lengths.length; p++) {
            x[p] = new float[in * lengths[p]];
            for (int i = 0; i < x[p].length; i++) {
                x[p][i] = (float) rng.nextGaussian();
            }
        }
        float[][] z = dense.apply(x, lengths);
        for (int p = 0; p < lengths.length; p++) {
            int outputs = Math.max(0, lengths[p] - taps + 1);
            assertEquals(out * outputs, z[p].length, "input " + p);
            for (int o = 0; o < out; o++) {
                for (int b = 0; b < outputs; b++) {
                    double direct = 0;
                    for (int c = 0; c < in; c++) {
                        for (int m = 0; m < taps; m++) {
                            direct += w[(o * in + c) * taps + m] * x[p][c * lengths[p] + b + m];
                        }
                    }
                    assertEquals(direct, z[p][o * outputs + b], 1e-4 * Math.sqrt(in * taps),
                            "input " + p + ", channel " + o + ", output " + b);
                }
            }
        }
    }

    @Test
    void refusesKernelsLongerThanHalfABlock() {
        assertThrows(IllegalArgumentException.class, () -> new FftDense(Tensor.zeros(2, 2, FftDense.FFT / 2 + 1)));
    }
}
