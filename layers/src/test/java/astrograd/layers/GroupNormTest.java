package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class GroupNormTest {
    @TempDir
    Path tmp;

    /** Forward and the gradients of x, weight and bias against torch's nn.GroupNorm, in F64 and F32. */
    @ParameterizedTest
    @CsvSource({"groupnorm,3,1e-5,F64", "groupnorm,3,1e-5,F32", "groupnorm_2d,2,1e-5,F64", "groupnorm_2d,2,1e-5,F32",
        "groupnorm_nc,2,1e-5,F64", "groupnorm_nc,2,1e-5,F32", "groupnorm_one_group,1,1e-5,F64",
        "groupnorm_one_group,1,1e-5,F32", "groupnorm_instance_noaffine,6,1e-3,F64",
        "groupnorm_instance_noaffine,6,1e-3,F32", "groupnorm_constant,2,1e-5,F64", "groupnorm_constant,2,1e-5,F32"})
    void matchesTorch(String name, int groups, double eps, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        GroupNorm gn = new GroupNorm(groups, f.get("x").size(1), eps, f.has("weight"), dtype);
        f.assertNormMatches(gn, gn.weight(), gn.bias(), dtype);
    }

    @Test
    void gradientsOfInputWeightAndBiasPassGradCheck() {
        Rng rng = new Rng(12);
        Tensor w = rng.randn(DType.F64, 6);
        Tensor b = rng.randn(DType.F64, 6);
        for (Tensor x : new Tensor[] {rng.randn(DType.F64, 2, 6, 3), rng.randn(DType.F64, 2, 6, 2, 2).transpose(2, 3),
            Tensor.full(DType.F64, -1.25, 2, 6, 3)}) {
            GradCheck.assertPasses(GradCheck.check(v -> GroupNorm.groupNorm(v[0], 3, v[1], v[2], 1e-5), x, w, b));
        }
    }

    /** G = C normalizes each channel alone; a non-contiguous input gives what its contiguous copy gives. */
    @Test
    void oneGroupPerChannelIsInstanceNormalization() {
        Tensor x = new Rng(4).randn(DType.F64, 2, 3, 5).transpose(0, 2).transpose(0, 2);
        Tensor strided = new Rng(4).randn(DType.F64, 2, 5, 3).transpose(1, 2);
        GroupNorm gn = new GroupNorm(3, 3, 1e-5, false, DType.F64);
        Tensor y = gn.forward(Var.constant(x)).value();
        Tensor expected = x.sub(x.mean(new int[] {2}, true)).div(x.var(new int[] {2}, false, true).add(1e-5).sqrt());
        assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 1e-14);
        assertArrayEquals(gn.forward(Var.constant(strided.contiguous())).value().toDoubleArray(),
                gn.forward(Var.constant(strided)).value().toDoubleArray(), 0);
    }

    @Test
    void constantGroupsGiveTheBiasAndFiniteGradients() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            GroupNorm gn = new GroupNorm(2, 4, 1e-5, true, dtype);
            gn.bias().set(Tensor.of(new double[] {1, 2, 3, 4}).to(dtype));
            Var x = Var.param(Tensor.full(dtype, 0.3, 2, 4, 3));
            Var out = gn.forward(x);
            assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4},
                    out.value().select(0, 1).contiguous().toDoubleArray(), 4 * Math.ulp(0.3f) / Math.sqrt(1e-5),
                    dtype + ": the bias, up to an ulp of x scaled by 1/sqrt(eps)");
            out.mul(Var.constant(new Rng(8).randn(dtype, 2, 4, 3))).sum().backward();
            for (Tensor g : List.of(x.grad(), gn.weight().grad(), gn.bias().grad())) {
                for (double v : g.toDoubleArray()) {
                    assertTrue(Double.isFinite(v), dtype + ": gradient " + v);
                }
            }
        }
    }

    @Test
    void badShapesAreRefusedNamingTheLayer() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertEquals("GroupNorm: num_channels 6 is not divisible by num_groups 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(0, 6));
        assertEquals("GroupNorm: need num_groups >= 1 and num_channels >= 1, got 0 and 6", e.getMessage());
        GroupNorm gn = new GroupNorm(2, 6);
        e = assertThrows(ShapeException.class, () -> gn.forward(Var.constant(Tensor.zeros(2, 4, 5))));
        assertEquals("GroupNorm(2 groups, 6 channels, eps=1.0E-5): input [2, 4, 5] must be [N, 6, ...]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> gn.forward(Var.constant(Tensor.zeros(6))));
        assertEquals("GroupNorm(2 groups, 6 channels, eps=1.0E-5): input [6] must be [N, 6, ...]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> GroupNorm.groupNorm(Var.constant(Tensor.zeros(2, 6, 5)), 4, null,
                null, 1e-5));
        assertEquals("groupNorm: input [2, 6, 5] must be [N, C, ...] with C a multiple of 4 groups", e.getMessage());
        e = assertThrows(ShapeException.class, () -> GroupNorm.groupNorm(Var.constant(Tensor.zeros(2, 6, 5)), 3,
                null, Var.constant(Tensor.zeros(3)), 1e-5));
        assertEquals("groupNorm: bias [3] must be [6]", e.getMessage());
    }

    @Test
    void parametersAreNamedAsInPyTorchAndACheckpointRoundTrips() throws IOException {
        Rng rng = new Rng(6);
        Sequential m = new Sequential(new GroupNorm(2, 4, 1e-5, true, DType.F64));
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(m.namedParameters().keySet()));
        assertTrue(m.namedBuffers().isEmpty());
        GroupNorm gn = (GroupNorm) m.children().get("0");
        gn.weight().set(rng.randn(DType.F64, 4));
        gn.bias().set(rng.randn(DType.F64, 4));
        Tensor x = rng.randn(DType.F64, 3, 4, 5);
        double[] train = m.forward(Var.constant(x)).value().toDoubleArray();
        m.eval();
        assertArrayEquals(train, m.forward(Var.constant(x)).value().toDoubleArray(), 0, "no running statistics");
        Path file = tmp.resolve("gn.safetensors");
        Checkpoint.save(file, m, null, null, 0, null);
        Sequential fresh = new Sequential(new GroupNorm(2, 4, 1e-5, true, DType.F64));
        assertTrue(Checkpoint.load(file).loadInto(fresh).isExact());
        assertArrayEquals(train, fresh.forward(Var.constant(x)).value().toDoubleArray(), 0);
    }
}
