package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PoolTest {
    private final Rng rng = new Rng(15);

    /** Each fixture case and its layer. */
    private static Map<String, Supplier<Pool>> cases() {
        Map<String, Supplier<Pool>> m = new LinkedHashMap<>();
        m.put("max_pool1d_padded_ceil", () -> Pool.maxPool1d(3, 2, 1, 1, true));
        m.put("max_pool1d_dilated", () -> Pool.maxPool1d(2, 2, 0, 2, false));
        m.put("max_pool2d_padded", () -> Pool.maxPool2d(3, 2, 1, 1, false));
        m.put("max_pool2d_ceil", () -> Pool.maxPool2d(2, 2, 0, 1, true));
        m.put("avg_pool1d_exclude_pad_ceil", () -> Pool.avgPool1d(3, 2, 1, true, false));
        m.put("avg_pool1d_plain", () -> Pool.avgPool1d(2));
        m.put("avg_pool2d_include_pad", () -> Pool.avgPool2d(3, 2, 1, false, true));
        m.put("avg_pool2d_exclude_pad_ceil", () -> Pool.avgPool2d(3, 2, 1, true, false));
        m.put("global_max_pool1d", Pool::globalMaxPool1d);
        m.put("global_avg_pool1d", Pool::globalAvgPool1d);
        m.put("global_max_pool2d", Pool::globalMaxPool2d);
        m.put("global_avg_pool2d", Pool::globalAvgPool2d);
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matchesPytorch(DType dtype) {
        cases().forEach((name, layer) -> ConvFixtures.check(name, layer.get(), dtype));
    }

    @Test
    void gradCheck() {
        cases().forEach((name, layer) -> {
            Pool p = layer.get();
            int rank = name.contains("1d") ? 3 : 4;
            Tensor x = rank == 3 ? rng.randn(DType.F64, 2, 2, 9) : rng.randn(DType.F64, 1, 2, 6, 7);
            GradCheck.Report r = GradCheck.check(v -> p.forward(v[0]), x);
            assertTrue(r.passed(), name + ": " + r);
        });
    }

    @Test
    void globalPoolingKeepsDimsAndMatchesAReferenceLoop() {
        Tensor x = rng.randn(DType.F64, 2, 3, 4, 5);
        double[] xs = x.toDoubleArray();
        double[] avg = Pool.globalAvgPool2d().forward(Var.constant(x)).value().toDoubleArray();
        double[] max = Pool.globalMaxPool2d().forward(Var.constant(x)).value().toDoubleArray();
        for (int nc = 0; nc < 6; nc++) {
            double s = 0;
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 20; i++) {
                s += xs[nc * 20 + i];
                m = Math.max(m, xs[nc * 20 + i]);
            }
            assertEquals(s / 20, avg[nc], 1e-12);
            assertEquals(m, max[nc], 0);
        }
        assertArrayEquals(new int[] {2, 3, 1, 1}, Pool.globalAvgPool2d().keepDims().forward(Var.constant(x)).value().shape());
        assertArrayEquals(new int[] {2, 3, 1}, Pool.globalMaxPool1d().keepDims().forward(Var.constant(x.select(2, 0))).value().shape());
    }

    @Test
    void nonContiguousInputsAgree() {
        Tensor x = rng.randn(DType.F32, 2, 9, 3).transpose(1, 2);
        Pool p = Pool.maxPool1d(3, 2, 1, 1, false);
        assertArrayEquals(p.forward(Var.constant(x.contiguous())).value().toFloatArray(),
                p.forward(Var.constant(x)).value().toFloatArray(), 0);
    }

    @Test
    void badInputsAreNamed() {
        Exception e = assertThrows(ShapeException.class, () -> Pool.maxPool2d(2).forward(Var.constant(Tensor.zeros(2, 3, 8))));
        assertEquals("MaxPool2d(k=2x2, stride 2x2, padding 0x0): input [2, 3, 8] must have rank 4 [N, C, H, W]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> Pool.avgPool1d(5).forward(Var.constant(Tensor.zeros(1, 1, 3))));
        assertTrue(e.getMessage().contains("smaller than the window"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pool.maxPool1d(2, 2, 2, 1, false));
        assertThrows(IllegalStateException.class, () -> Pool.maxPool1d(2).keepDims());
    }
}
