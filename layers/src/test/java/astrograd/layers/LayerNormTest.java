package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.layers.io.Checkpoint;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayerNormTest {
    @TempDir
    Path tmp;

    /** Forward and the gradients of x, weight and bias against torch's nn.LayerNorm, in F64 and F32. */
    @ParameterizedTest
    @CsvSource({"layernorm_last,1,1e-5,F64", "layernorm_last,1,1e-5,F32", "layernorm_2d,2,1e-5,F64",
        "layernorm_2d,2,1e-5,F32", "layernorm_noaffine,1,1e-3,F64", "layernorm_noaffine,1,1e-3,F32",
        "layernorm_constant,1,1e-5,F64", "layernorm_constant,1,1e-5,F32"})
    void matchesTorch(String name, int axes, double eps, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        int[] shape = f.get("x").shape();
        int[] normalized = java.util.Arrays.copyOfRange(shape, shape.length - axes, shape.length);
        LayerNorm ln = new LayerNorm(normalized, eps, f.has("weight"), dtype);
        f.assertNormMatches(ln, ln.weight(), ln.bias(), dtype);
    }

    @Test
    void gradientsOfInputWeightAndBiasPassGradCheck() {
        Rng rng = new Rng(11);
        int[] normalized = {3, 4};
        Tensor x = rng.randn(DType.F64, 2, 3, 4);
        Tensor w = rng.randn(DType.F64, 3, 4);
        Tensor b = rng.randn(DType.F64, 3, 4);
        GradCheck.assertPasses(GradCheck.check(v -> LayerNorm.layerNorm(v[0], normalized, v[1], v[2], 1e-5), x, w, b));
        Tensor constant = Tensor.full(DType.F64, 0.7, 2, 3, 4);
        GradCheck.assertPasses(GradCheck.check(v -> LayerNorm.layerNorm(v[0], normalized, v[1], v[2], 1e-5), constant, w, b));
    }

    @Test
    void constantInputGivesTheBiasAndFiniteGradients() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (double c : new double[] {0, 0.1, -3e4}) {
                LayerNorm ln = new LayerNorm(new int[] {5}, 1e-5, true, dtype);
                ln.bias().set(Tensor.of(new double[] {1, 2, 3, 4, 5}).to(dtype));
                Var x = Var.param(Tensor.full(dtype, c, 3, 5));
                Var out = ln.forward(x);
                for (double v : out.value().toDoubleArray()) {
                    assertTrue(Double.isFinite(v), dtype + " constant " + c + ": output " + v);
                }
                double ulp = dtype == DType.F32 ? Math.ulp((float) c) : Math.ulp(c);
                double allowed = 1e-12 + 4 * ulp / Math.sqrt(1e-5);
                assertArrayEquals(new double[] {1, 2, 3, 4, 5}, out.value().select(0, 2).toDoubleArray(), allowed,
                        dtype + " constant " + c + ": the bias, up to an ulp of c scaled by 1/sqrt(eps)");
                out.mul(Var.constant(new Rng(3).randn(dtype, 3, 5))).sum().backward();
                for (Tensor g : List.of(x.grad(), ln.weight().grad(), ln.bias().grad())) {
                    for (double v : g.toDoubleArray()) {
                        assertTrue(Double.isFinite(v), dtype + " constant " + c + ": gradient " + v);
                    }
                }
            }
        }
    }

    @Test
    void parametersAndErrorsAreNamedAsInPyTorch() {
        LayerNorm ln = new LayerNorm(4, 5);
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
        assertArrayEquals(new int[] {4, 5}, ln.weight().value().shape());
        assertTrue(ln.namedBuffers().isEmpty());
        assertNull(new LayerNorm(new int[] {3}, 1e-5, false, DType.F32).weight());
        Exception e = assertThrows(ShapeException.class, () -> ln.forward(Var.constant(Tensor.zeros(2, 3, 5))));
        assertEquals("LayerNorm([4, 5], eps=1.0E-5): input [2, 3, 5] must end in [4, 5]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> ln.forward(Var.constant(Tensor.zeros(5))));
        assertEquals("LayerNorm([4, 5], eps=1.0E-5): input [5] must end in [4, 5]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> LayerNorm.layerNorm(Var.constant(Tensor.zeros(2, 5)),
                new int[] {5}, Var.constant(Tensor.ones(4)), null, 1e-5));
        assertEquals("layerNorm: weight [4] must be [5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {3, 0}, 1e-5, true, DType.F32));
        assertEquals("LayerNorm: normalized shape must be non-empty with sizes >= 1, got [3, 0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {3}, 0, true, DType.F32));
        assertEquals("LayerNorm([3]): eps must be finite and > 0, got 0.0", e.getMessage());
    }

    @Test
    void trainAndEvalAgreeAndACheckpointRoundTrips() throws IOException {
        Rng rng = new Rng(5);
        Sequential m = new Sequential(new LayerNorm(new int[] {6}, 1e-5, true, DType.F64));
        LayerNorm ln = (LayerNorm) m.children().get("0");
        ln.weight().set(rng.randn(DType.F64, 6));
        ln.bias().set(rng.randn(DType.F64, 6));
        Tensor x = rng.randn(DType.F64, 4, 6);
        double[] train = m.forward(Var.constant(x)).value().toDoubleArray();
        m.eval();
        assertArrayEquals(train, m.forward(Var.constant(x)).value().toDoubleArray(), 0, "no running statistics");
        Path file = tmp.resolve("ln.safetensors");
        Checkpoint.save(file, m, null, null, 0, null);
        Sequential fresh = new Sequential(new LayerNorm(new int[] {6}, 1e-5, true, DType.F64));
        assertTrue(Checkpoint.load(file).loadInto(fresh).isExact());
        assertArrayEquals(train, fresh.forward(Var.constant(x)).value().toDoubleArray(), 0);
    }
}
