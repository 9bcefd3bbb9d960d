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

    /** {@code x · y} with both gradients from one call per pass, counting the calls and the inputs asked for. */
    static final class JointProduct implements CustomOp {
        int calls;
        boolean[] lastNeeded;

        @Override
        public String name() {
            return "jointProduct";
        }

        @Override
        public Tensor forward(Tensor... in) {
            return in[0].mul(in[1]);
        }

        @Override
        public Tensor backward(Tensor g, int input, Tensor[] in, Tensor out) {
            throw new AssertionError("backwardAll is overridden: the walker must not ask input by input");
        }

        @Override
        public Tensor[] backwardAll(Tensor g, boolean[] needed, Tensor[] in, Tensor out) {
            calls++;
            lastNeeded = needed.clone();
            return new Tensor[] {needed[0] ? g.mul(in[1]) : null, needed[1] ? g.mul(in[0]) : null};
        }
    }

    @Test
    void backwardAllIsCalledOncePerPassWithTheInputsThatNeedAGradient() {
        JointProduct op = new JointProduct();
        Var x = Var.param(Tensor.of(2.0, 3.0));
        Var y = Var.param(Tensor.of(5.0, 7.0));
        Var z = CustomOp.apply(op, x, y);
        z.backward(Tensor.of(1.0, 1.0), true);
        assertEquals(1, op.calls);
        z.backward(Tensor.of(10.0, 100.0), true);
        assertEquals(2, op.calls);
        assertArrayEquals(new double[] {55, 707}, x.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {22, 303}, y.grad().toDoubleArray(), 0);
        CustomOp.apply(op, x, Var.constant(Tensor.of(1.0, 1.0))).sum().backward();
        assertArrayEquals(new boolean[] {true, false}, op.lastNeeded);
    }
}
