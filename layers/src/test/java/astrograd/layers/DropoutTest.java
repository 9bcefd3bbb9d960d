package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutTest {
    @Test
    void keepsAboutOneMinusPAndScalesTheKeptElements() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Dropout d = new Dropout(0.3, new Rng(1));
            Tensor x = Tensor.full(dtype, 2.0, 200, 100);
            double[] y = d.forward(Var.constant(x)).value().toDoubleArray();
            int kept = 0;
            for (double v : y) {
                if (v != 0) {
                    assertEquals(2 / 0.7, v, 1e-6);
                    kept++;
                }
            }
            // 20000 Bernoulli(0.7) draws: standard deviation of the fraction 0.0032
            assertEquals(0.7, kept / 20000.0, 0.015);
        }
    }

    @Test
    void evalIsTheIdentityAndGradientIsTheScaledMask() {
        Dropout d = new Dropout(0.5, new Rng(2));
        Var x = Var.param(new Rng(3).randn(DType.F64, 4, 6));
        d.eval();
        assertSame(x, d.forward(x));
        d.train();
        Var y = d.forward(x);
        y.sum().backward();
        double[] out = y.value().toDoubleArray();
        double[] in = x.value().toDoubleArray();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < out.length; i++) {
            double m = g[i];
            assertTrue(m == 0 || m == 2, "mask value " + m);
            assertEquals(in[i] * m, out[i], 1e-15);
        }
    }

    @Test
    void masksComeFromTheLayersOwnStream() {
        Tensor x = Tensor.ones(DType.F32, 64);
        Rng seed = new Rng(9);
        Dropout a = new Dropout(0.5, seed);
        Dropout b = new Dropout(0.5, seed);
        float[] ma = a.forward(Var.constant(x)).value().toFloatArray();
        float[] mb = b.forward(Var.constant(x)).value().toFloatArray();
        assertFalse(Arrays.equals(ma, mb), "two layers split from one Rng share masks");
        assertFalse(Arrays.equals(ma, a.forward(Var.constant(x)).value().toFloatArray()), "successive masks repeat");
        Dropout again = new Dropout(0.5, new Rng(9));
        assertArrayEquals(ma, again.forward(Var.constant(x)).value().toFloatArray(), "not reproducible from the seed");
    }

    @Test
    void extremeRatesAndValidation() {
        Tensor x = Tensor.ones(DType.F64, 3, 4);
        assertArrayEquals(x.toDoubleArray(), new Dropout(0, new Rng(1)).forward(Var.constant(x)).value().toDoubleArray());
        assertArrayEquals(new double[12], new Dropout(1, new Rng(1)).forward(Var.constant(x)).value().toDoubleArray());
        Exception e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new Rng(1)));
        assertEquals("Dropout: drop probability must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        SpatialDropout d = new SpatialDropout(0.4, new Rng(4));
        Tensor x = Tensor.ones(DType.F32, 50, 20, 3, 5);
        float[] y = d.forward(Var.constant(x)).value().toFloatArray();
        int kept = 0;
        for (int ch = 0; ch < 50 * 20; ch++) {
            float first = y[ch * 15];
            assertTrue(first == 0 || Math.abs(first - 1 / 0.6f) < 1e-6, "value " + first);
            for (int k = 1; k < 15; k++) {
                assertEquals(first, y[ch * 15 + k], "channel " + ch + " is not dropped as a whole");
            }
            kept += first == 0 ? 0 : 1;
        }
        assertEquals(0.6, kept / 1000.0, 0.05);
        d.eval();
        assertArrayEquals(x.toFloatArray(), d.forward(Var.constant(x)).value().toFloatArray());
        Exception e = assertThrows(ShapeException.class, () -> d.forward(Var.constant(Tensor.ones(4, 5))));
        assertEquals("SpatialDropout(p=0.4): input [4, 5] must be [N, C, ...] with at least one spatial axis", e.getMessage());
    }
}
