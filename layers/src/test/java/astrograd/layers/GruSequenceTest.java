package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused GRU recurrence against the same recurrence written step by step with autodiff ops. */
class GruSequenceTest {
    private static final int N = 5;
    private static final int T = 4;
    private static final int H = 7;

    /** The composite form of {@link GruSequence}'s formulas; {@code bias} may be null. */
    private static Var composite(Var gi, Var h0, Var weight, Var bias) {
        Var h = h0;
        Var[] states = new Var[T];
        for (int t = 0; t < T; t++) {
            Var x = gi.select(1, t);
            Var gh = h.matmul(weight.transpose(0, 1));
            if (bias != null) {
                gh = gh.add(bias);
            }
            Var r = x.narrow(1, 0, H).add(gh.narrow(1, 0, H)).sigmoid();
            Var z = x.narrow(1, H, H).add(gh.narrow(1, H, H)).sigmoid();
            Var n = x.narrow(1, 2 * H, H).add(r.mul(gh.narrow(1, 2 * H, H))).tanh();
            h = n.add(z.mul(h.sub(n)));
            states[t] = h;
        }
        return Var.stack(1, states);
    }

    private static Tensor[] inputs(DType dtype, long seed) {
        return inputs(dtype, seed, N);
    }

    private static Tensor[] inputs(DType dtype, long seed, int batch) {
        Rng rng = new Rng(seed);
        return new Tensor[] {rng.randn(dtype, batch, T + 2, 3 * H).narrow(1, 1, T), rng.randn(dtype, batch, H),
            rng.randn(dtype, 3 * H, H).mul(0.5), rng.randn(dtype, 3 * H)};
    }

    /** Batches of 5 (one thread) and 37 (rows split over the engine threads when there are several). */
    @Test
    void valuesAndAllGradientsMatchTheCompositeWithAndWithoutBiasForAStridedInputProjection() {
        for (int batch : new int[] {N, 37}) {
            for (DType dtype : new DType[] {DType.F64, DType.F32}) {
                for (boolean withBias : new boolean[] {true, false}) {
                    compareWithComposite(dtype, batch, withBias);
                }
            }
        }
    }

    private static void compareWithComposite(DType dtype, int batch, boolean withBias) {
        double tol = dtype == DType.F64 ? 1e-12 : 3e-5;
        Tensor[] in = inputs(dtype, 3, batch);
        Tensor seed = new Rng(9).randn(dtype, batch, T, H);
        int count = withBias ? 4 : 3;
        Var[] fused = new Var[count];
        Var[] plain = new Var[count];
        for (int i = 0; i < count; i++) {
            fused[i] = Var.param(in[i]);
            plain[i] = Var.param(in[i]);
        }
        Var yFused = GruSequence.run(fused[0], fused[1], fused[2], withBias ? fused[3] : null);
        Var yPlain = composite(plain[0], plain[1], plain[2], withBias ? plain[3] : null);
        String what = dtype + ", batch " + batch + (withBias ? ", with bias" : ", without bias");
        assertArrayEquals(yPlain.value().toDoubleArray(), yFused.value().toDoubleArray(), tol, what);
        yFused.backward(seed);
        yPlain.backward(seed);
        for (int i = 0; i < count; i++) {
            assertArrayEquals(plain[i].grad().toDoubleArray(), fused[i].grad().toDoubleArray(), tol,
                    what + ": gradient of input " + i);
        }
    }

    @Test
    void passesTheFloat64GradientCheckForEveryInput() {
        Tensor[] in = inputs(DType.F64, 4);
        GradCheck.assertPasses(GradCheck.check(v -> GruSequence.run(v[0], v[1], v[2], v[3]),
                in[0].contiguous(), in[1], in[2], in[3]));
        GradCheck.assertPasses(GradCheck.check(v -> GruSequence.run(v[0], v[1], v[2], null),
                in[0].contiguous(), in[1], in[2]));
    }

    @Test
    void aRetainedGraphGivesFreshGradientsForANewSeed() {
        Tensor[] in = inputs(DType.F64, 6);
        Var gi = Var.param(in[0]);
        Var h0 = Var.param(in[1]);
        Var weight = Var.param(in[2]);
        Var y = GruSequence.run(gi, h0, weight, Var.constant(in[3]));
        y.backward(Tensor.ones(DType.F64, N, T, H), true);
        double[] once = weight.grad().toDoubleArray();
        y.backward(Tensor.ones(DType.F64, N, T, H).mul(2), true);
        double[] twice = weight.grad().toDoubleArray();
        for (int i = 0; i < once.length; i++) {
            once[i] *= 3;
        }
        assertArrayEquals(once, twice, 1e-12, "gradients accumulate 1x + 2x of the same Jacobian");
    }

    @Test
    void theLayerUsesTheFusedOpOnlyWhereItAppliesAndGivesTheSameResultsEitherWay() {
        Rng rng = new Rng(8);
        GRU fused = new GRU(3, H, true, GRU.ResetGate.AFTER_MATMUL, false, DType.F64, rng);
        Tensor x = new Rng(2).randn(DType.F64, N, T, 3);
        Var input = Var.param(x);
        Var last = fused.forward(input);
        Var[] p = {Var.param(x), Var.param(fused.weightIh().value()), Var.param(fused.weightHh().value()),
            Var.param(fused.biasIh().value()), Var.param(fused.biasHh().value())};
        Var gi = p[0].reshape(N * T, 3).matmul(p[1].transpose(0, 1)).reshape(N, T, 3 * H).add(p[3]);
        Var expected = composite(gi, Var.constant(Tensor.zeros(DType.F64, N, H)), p[2], p[4]).select(1, T - 1);
        assertArrayEquals(expected.value().toDoubleArray(), last.value().toDoubleArray(), 1e-12, "last state");
        last.sum().backward();
        expected.sum().backward();
        assertArrayEquals(p[0].grad().toDoubleArray(), input.grad().toDoubleArray(), 1e-12, "input gradient");
        assertArrayEquals(p[2].grad().toDoubleArray(), fused.weightHh().grad().toDoubleArray(), 1e-12,
                "hidden weight gradient");
    }
}
