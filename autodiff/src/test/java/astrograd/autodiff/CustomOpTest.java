package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Research layers bring their own forward and backward through {@link CustomOp}. */
class CustomOpTest {
    /** Gradient reversal (Ganin &amp; Lempitsky 2015): identity forward, {@code -λ g} backward, λ set at run time. */
    static final class GradientReversal implements CustomOp {
        double lambda;

        @Override
        public String name() {
            return "gradientReversal";
        }

        @Override
        public Tensor forward(Tensor... in) {
            return in[0];
        }

        @Override
        public Tensor backward(Tensor g, int input, Tensor[] in, Tensor out) {
            return g.mul(-lambda);
        }
    }

    /** A fused logsumexp over the last axis with its own stable gradient {@code g·softmax(x)}. */
    static final class FusedLogSumExp implements CustomOp {
        @Override
        public String name() {
            return "fusedLogSumExp";
        }

        @Override
        public Tensor forward(Tensor... in) {
            return in[0].logsumexp(new int[] {-1}, false);
        }

        @Override
        public Tensor backward(Tensor g, int input, Tensor[] in, Tensor out) {
            return in[0].softmax(-1).mul(g.unsqueeze(-1));
        }
    }

    @Test
    void gradientReversalScalesAtRunTime() {
        GradientReversal reversal = new GradientReversal();
        Var x = Var.param(Tensor.of(1.0, 2.0));
        for (double lambda : new double[] {0.5, 2.0}) {
            reversal.lambda = lambda;
            x.zeroGrad();
            Var y = CustomOp.apply(reversal, x).square().sum();
            assertEquals(5.0, y.value().item());
            y.backward();
            assertArrayEquals(new double[] {-2 * lambda, -4 * lambda}, x.grad().toDoubleArray(), 1e-12);
        }
    }

    @Test
    void fusedLogSumExpMatchesTheCompositeAndGradChecks() {
        Tensor x = new Rng(3).randn(DType.F64, 4, 7).mul(5);
        GradCheck.assertPasses(GradCheck.check(v -> CustomOp.apply(new FusedLogSumExp(), v[0]), x));
        Var a = Var.param(x);
        Var b = Var.param(x);
        CustomOp.apply(new FusedLogSumExp(), a).sum().backward();
        b.logsumexp(new int[] {-1}, false).sum().backward();
        assertArrayEquals(b.grad().toDoubleArray(), a.grad().toDoubleArray(), 1e-14);
    }
}
