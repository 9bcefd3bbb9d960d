package astrograd.astro.galaxies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GaMorNet's geometry (spec §3 (e) 2), parameter counts, TensorFlow SAME pooling and the confidence rule. */
class GaMorNetTest {
    @Test
    void sameShapesAtEveryScaleForSdssAndCandels() {
        assertArrayEquals(new int[] {167, 42, 21, 21, 11, 11, 6}, GaMorNet.spatialSizes(167));
        assertArrayEquals(new int[] {83, 21, 11, 11, 6, 6, 3}, GaMorNet.spatialSizes(83));
        for (int size : new int[] {167, 83}) {
            GaMorNet net = new GaMorNet(size, 0.05, new Rng(1));
            Var f = net.features(Var.constant(new Rng(2).randn(DType.F32, 2, 1, size, size)));
            int s = GaMorNet.spatialSizes(size)[6];
            assertArrayEquals(new int[] {2, 13 * s * s}, f.value().shape(), "features of " + size);
            assertArrayEquals(new int[] {2, 3}, net.forward(Var.constant(Tensor.zeros(DType.F32, 2, 1, size, size)))
                    .value().shape());
        }
    }

    @Test
    void parameterCountsAreThePapers() {
        assertEquals(58_270_403L, GaMorNet.parameterCount(167, 1));
        assertEquals(29_958_851L, GaMorNet.parameterCount(83, 1));
        GaMorNet small = new GaMorNet(83, 0.1, new Rng(3));
        long counted = small.namedParameters().values().stream().mapToLong(p -> p.value().numel()).sum();
        assertEquals(GaMorNet.parameterCount(83, 0.1), counted);
        assertEquals(16, small.namedParameters().size());
        for (String layer : GaMorNet.LAYERS) {
            assertEquals(2, small.layerParameters(layer).size(), layer);
        }
        assertThrows(IllegalArgumentException.class, () -> small.layerParameters("conv6"));
    }

    /** TensorFlow pads 42 → 21 by 0 before and 1 after, 21 → 11 by 1 and 1: each output is its window's max. */
    @Test
    void sameMaxPoolingPadsAsTensorFlow() {
        TfSameMaxPool2d pool = new TfSameMaxPool2d(3, 2);
        for (int n : new int[] {42, 21, 11, 6}) {
            Tensor x = new Rng(n).randn(DType.F64, 1, 1, n, n);
            double[] in = x.toDoubleArray();
            double[] out = pool.forward(Var.constant(x)).value().toDoubleArray();
            int m = (n + 1) / 2;
            assertEquals(m * m, out.length);
            int before = Math.max((m - 1) * 2 + 3 - n, 0) / 2;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int a = 2 * i - before; a < 2 * i - before + 3; a++) {
                        for (int b = 2 * j - before; b < 2 * j - before + 3; b++) {
                            if (a >= 0 && a < n && b >= 0 && b < n) {
                                max = Math.max(max, in[a * n + b]);
                            }
                        }
                    }
                    assertEquals(max, out[i * m + j], "n " + n + " at " + i + ", " + j);
                }
            }
        }
        assertThrows(ShapeException.class, () -> pool.forward(Var.constant(Tensor.zeros(DType.F32, 4, 4))));
    }

    @Test
    void initializationIsTflearnsAndTheConfidenceRuleLeavesTheMiddleIndeterminate() {
        GaMorNet net = new GaMorNet(83, 0.1, new Rng(5));
        for (var e : net.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            double[] v = p.value().toDoubleArray();
            double max = java.util.Arrays.stream(v).map(Math::abs).max().orElse(0);
            if (e.getKey().endsWith("bias")) {
                assertEquals(0, max, e.getKey());
            } else if (e.getKey().startsWith("fc")) {
                assertTrue(max <= 0.04 + 1e-7, e.getKey() + " beyond 2 sigma: " + max);
            } else {
                int[] w = p.value().shape();
                assertTrue(max <= Math.sqrt(3.0 / (w[1] * w[2] * w[3])), e.getKey());
            }
        }
        assertEquals(0, GaMorNet.decide(new double[] {0.85, 0.1, 0.05}, 0.8));
        assertEquals(2, GaMorNet.decide(new double[] {0.05, 0.1, 0.85}, 0.8));
        assertEquals(1, GaMorNet.decide(new double[] {0.6, 0.1, 0.3}, 0.8));
        assertThrows(IllegalArgumentException.class, () -> GaMorNet.decide(new double[] {1, 0}, 0.8));
    }
}
