package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused GRU step against the same step written with autodiff ops, and its own float64 gradient check. */
class GruCellTest {
    private static final int N = 5;
    private static final int H = 7;

    /** The composite form of {@link GruCell}'s formula. */
    private static Var composite(Var gi, Var gh, Var h) {
        Var r = gi.narrow(1, 0, H).add(gh.narrow(1, 0, H)).sigmoid();
        Var z = gi.narrow(1, H, H).add(gh.narrow(1, H, H)).sigmoid();
        Var n = gi.narrow(1, 2 * H, H).add(r.mul(gh.narrow(1, 2 * H, H))).tanh();
        return n.add(z.mul(h.sub(n)));
    }

    @Test
    void valueAndAllThreeGradientsMatchTheCompositeEvenForAStridedInputProjection() {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double tol = dtype == DType.F64 ? 1e-13 : 2e-6;
            Rng rng = new Rng(3);
            Tensor projected = rng.randn(dtype, N, 4, 3 * H);
            Tensor gh = rng.randn(dtype, N, 3 * H);
            Tensor h = rng.randn(dtype, N, H);
            Tensor seed = rng.randn(dtype, N, H);
            Var[] fused = {Var.param(projected), Var.param(gh), Var.param(h)};
            Var[] plain = {Var.param(projected), Var.param(gh), Var.param(h)};
            Var yFused = GruCell.step(fused[0].select(1, 2), fused[1], fused[2]);
            Var yPlain = composite(plain[0].select(1, 2), plain[1], plain[2]);
            assertArrayEquals(yPlain.value().toDoubleArray(), yFused.value().toDoubleArray(), tol, dtype + " value");
            yFused.backward(seed);
            yPlain.backward(seed);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(plain[i].grad().toDoubleArray(), fused[i].grad().toDoubleArray(), tol,
                        dtype + " gradient of input " + i);
            }
        }
    }

    @Test
    void passesTheFloat64GradientCheckForEveryInput() {
        Rng rng = new Rng(4);
        GradCheck.assertPasses(GradCheck.check(v -> GruCell.step(v[0], v[1], v[2]),
                rng.randn(DType.F64, N, 3 * H), rng.randn(DType.F64, N, 3 * H), rng.randn(DType.F64, N, H)));
    }

    @Test
    void aRetainedGraphGivesFreshGradientsForANewSeed() {
        Rng rng = new Rng(6);
        Var gi = Var.param(rng.randn(DType.F64, N, 3 * H));
        Var gh = Var.param(rng.randn(DType.F64, N, 3 * H));
        Var h = Var.param(rng.randn(DType.F64, N, H));
        Var y = GruCell.step(gi, gh, h);
        y.backward(Tensor.ones(DType.F64, N, H), true);
        double[] once = h.grad().toDoubleArray();
        y.backward(Tensor.ones(DType.F64, N, H).mul(2), true);
        double[] twice = h.grad().toDoubleArray();
        for (int i = 0; i < once.length; i++) {
            once[i] *= 3;
        }
        assertArrayEquals(once, twice, 1e-12, "gradients accumulate 1x + 2x of the same Jacobian");
    }
}
