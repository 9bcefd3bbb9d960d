package astrograd.autodiff;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import org.junit.jupiter.api.Test;

/** Float64 gradient checks of the conv-family and linear-algebra rules on awkward geometries. */
class StructuredGradTest {
    private final Rng rng = new Rng(7);

    private Tensor randn(int... shape) {
        return rng.randn(DType.F64, shape);
    }

    @Test
    void conv2dWithStrideDilationGroupsAndAsymmetricPadding() {
        ConvSpec spec = new ConvSpec(2, 1, 1, 0, 2, 1, 1, 2, 2, 0, 0);
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.conv2d(v[0], v[1], v[2], spec),
                randn(2, 4, 7, 6), randn(6, 2, 3, 2), randn(6)));
    }

    /** Output padding at or above the stride (below the dilation): the issue's geometry and more. */
    @Test
    void convTransposeWithOutputPaddingBeyondTheStride() {
        ConvSpec issue = new ConvSpec(1, 2, 0, 0, 0, 0, 2, 1, 1, 1, 1);
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.convTranspose2d(v[0], v[1], v[2], issue),
                randn(2, 2, 4, 3), randn(2, 3, 3, 2), randn(3)));
        ConvSpec padded = new ConvSpec(2, 1, 1, 1, 3, 3, 4, 3, 2, 3, 2);
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.convTranspose2d(v[0], v[1], v[2], padded),
                randn(2, 4, 3, 5), randn(4, 2, 2, 3), randn(4)));
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.convTranspose1d(v[0], v[1], v[2], 1, 0, 1, 2, 1),
                randn(2, 3, 5), randn(3, 2, 3), randn(2)));
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.convTranspose1d(v[0], v[1], null, 3, 2, 4, 5, 1),
                randn(1, 2, 4), randn(2, 2, 3)));
    }

    @Test
    void convTranspose2dWithOutputPadding() {
        ConvSpec spec = new ConvSpec(2, 3, 1, 1, 0, 1, 1, 1, 2, 1, 2);
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.convTranspose2d(v[0], v[1], v[2], spec),
                randn(2, 4, 3, 3), randn(4, 3, 3, 2), randn(6)));
    }

    @Test
    void conv1dSameAndTransposed1d() {
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.conv1d(v[0], v[1], null, 1,
                astrograd.tensor.Conv.Padding.SAME, 2, 1), randn(2, 3, 11), randn(4, 3, 3)));
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.convTranspose1d(v[0], v[1], v[2], 2, 1, 1, 1, 1),
                randn(2, 3, 5), randn(3, 2, 4), randn(2)));
    }

    @Test
    void poolingUnfoldFold() {
        Tensor distinct = Tensor.arange(0, 2 * 3 * 7 * 6, 1, DType.F64).reshape(2, 3, 7, 6)
                .indexSelect(3, Tensor.of(new long[] {3, 0, 5, 1, 4, 2}, 6)).mul(0.1);
        PoolSpec max = new PoolSpec(3, 2, 2, 2, 1, 1, 1, 1, true, true);
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.maxPool2d(v[0], max).values(), distinct));
        for (boolean includePad : new boolean[] {true, false}) {
            PoolSpec avg = new PoolSpec(3, 3, 2, 2, 1, 1, 1, 1, true, includePad);
            GradCheck.assertPasses(GradCheck.check(v -> VarConv.avgPool2d(v[0], avg), randn(2, 2, 7, 6)));
        }
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.avgPool1d(v[0], 3, 2, 1, false, false), randn(2, 2, 8)));
        ConvSpec spec = new ConvSpec(2, 1, 1, 1, 0, 1, 1, 2, 1, 0, 0);
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.unfold(v[0], 2, 2, spec), randn(2, 3, 5, 5)));
        GradCheck.assertPasses(GradCheck.check(v -> VarConv.fold(v[0], 5, 5, 2, 2, spec), randn(2, 12, 12)));
    }

    @Test
    void prodGradientIsExactAtZeros() {
        Var x = Var.param(Tensor.of(new double[][] {{2, 0, 3}, {0, 0, 5}, {1, 2, 4}}));
        x.prod(new int[] {1}, false).sum().backward();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 6, 0, 0, 0, 0, 8, 4, 2},
                x.grad().toDoubleArray());
    }

    @Test
    void choleskyTriangularSolveLogdet() {
        Tensor m = randn(3, 4, 4);
        Tensor spd = m.matmul(m.transpose(-1, -2)).add(Tensor.eye(4, DType.F64).mul(4));
        GradCheck.assertPasses(GradCheck.check(v -> v[0].add(v[0].transpose(-1, -2)).mul(0.5).cholesky(), spd));
        Tensor l = astrograd.tensor.Linalg.cholesky(spd);
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean trans : new boolean[] {true, false}) {
                Tensor a = lower ? l : l.transpose(-1, -2).contiguous();
                GradCheck.assertPasses(GradCheck.check(v -> v[0].triangularSolve(v[1], lower, trans), a, randn(3, 4, 2)));
            }
        }
        GradCheck.assertPasses(GradCheck.check(v -> v[0].logdetFromCholesky(), l));
        GradCheck.assertPasses(GradCheck.check(v -> v[0].choleskySolve(v[1]), l, randn(4, 3)));
    }
}
