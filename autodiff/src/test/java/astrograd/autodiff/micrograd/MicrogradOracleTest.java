package astrograd.autodiff.micrograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An independent oracle for composites: a scalar reverse-mode engine written here (micrograd-style: each
 * {@link Value} holds its data, its gradient, its children and a step that adds its local gradient into the
 * children with {@code +=}; the backward pass sorts the graph topologically without recursion). The same
 * loss is built from scalars and from {@link Var} tensors; the gradients must agree to
 * {@code |var - oracle| <= 1e-12 (1 + |oracle|)} (both float64, different summation orders).
 */
class MicrogradOracleTest {
    private static final double TOL = 1e-12;

    /** A scalar in the oracle's graph. */
    static final class Value {
        final double data;
        double grad;
        final Value[] children;
        private Runnable backwardStep = () -> { };

        Value(double data, Value... children) {
            this.data = data;
            this.children = children;
        }

        Value add(Value o) {
            Value out = new Value(data + o.data, this, o);
            out.backwardStep = () -> {
                grad += out.grad;
                o.grad += out.grad;
            };
            return out;
        }

        Value mul(Value o) {
            Value out = new Value(data * o.data, this, o);
            out.backwardStep = () -> {
                grad += o.data * out.grad;
                o.grad += data * out.grad;
            };
            return out;
        }

        Value pow(double k) {
            Value out = new Value(Math.pow(data, k), this);
            out.backwardStep = () -> grad += k * Math.pow(data, k - 1) * out.grad;
            return out;
        }

        Value exp() {
            Value out = new Value(Math.exp(data), this);
            out.backwardStep = () -> grad += out.data * out.grad;
            return out;
        }

        Value log() {
            Value out = new Value(Math.log(data), this);
            out.backwardStep = () -> grad += out.grad / data;
            return out;
        }

        Value tanh() {
            Value out = new Value(Math.tanh(data), this);
            out.backwardStep = () -> grad += (1 - out.data * out.data) * out.grad;
            return out;
        }

        Value add(double c) {
            return add(new Value(c));
        }

        Value mul(double c) {
            return mul(new Value(c));
        }

        Value neg() {
            return mul(-1);
        }

        Value sub(Value o) {
            return add(o.neg());
        }

        Value div(Value o) {
            return mul(o.pow(-1));
        }

        /** Seeds this value with gradient 1 and runs every step in reverse topological order. */
        void backward() {
            List<Value> order = new ArrayList<>();
            Map<Value, Boolean> seen = new IdentityHashMap<>();
            ArrayDeque<Value> stack = new ArrayDeque<>();
            ArrayDeque<Integer> next = new ArrayDeque<>();
            stack.push(this);
            next.push(0);
            seen.put(this, Boolean.TRUE);
            while (!stack.isEmpty()) {
                Value v = stack.peek();
                int k = next.pop();
                if (k < v.children.length) {
                    next.push(k + 1);
                    Value c = v.children[k];
                    if (seen.put(c, Boolean.TRUE) == null) {
                        stack.push(c);
                        next.push(0);
                    }
                    continue;
                }
                stack.pop();
                order.add(v);
            }
            grad = 1;
            for (int i = order.size() - 1; i >= 0; i--) {
                order.get(i).backwardStep.run();
            }
        }

        static Value sum(List<Value> vs) {
            Value s = new Value(0);
            for (Value v : vs) {
                s = s.add(v);
            }
            return s;
        }
    }

    /** A matrix of oracle leaves from a tensor. */
    private static Value[][] leaves(Tensor t) {
        int rows = t.shape()[0];
        int cols = t.numel() / rows;
        double[] v = t.toDoubleArray();
        Value[][] m = new Value[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = new Value(v[i * cols + j]);
            }
        }
        return m;
    }

    private static void assertGradients(String what, Value[][] oracle, Var v) {
        double[] g = v.grad().toDoubleArray();
        int cols = oracle[0].length;
        for (int i = 0; i < oracle.length; i++) {
            for (int j = 0; j < cols; j++) {
                double expect = oracle[i][j].grad;
                assertEquals(expect, g[i * cols + j], TOL * (1 + Math.abs(expect)),
                        what + " gradient at [" + i + ", " + j + "]");
            }
        }
    }

    private static Value logsumexp(Value[] row) {
        List<Value> e = new ArrayList<>();
        for (Value z : row) {
            e.add(z.exp());
        }
        return Value.sum(e).log();
    }

    @Test
    void twoLayerTanhMlpWithMeanSquaredError() {
        Rng rng = new Rng(11);
        Tensor x = rng.randn(DType.F64, 5, 3);
        Tensor y = rng.randn(DType.F64, 5, 2);
        Var w1 = Var.param(rng.randn(DType.F64, 3, 4).mul(0.7));
        Var b1 = Var.param(rng.randn(DType.F64, 1, 4).mul(0.1));
        Var w2 = Var.param(rng.randn(DType.F64, 4, 2).mul(0.7));
        Var b2 = Var.param(rng.randn(DType.F64, 1, 2).mul(0.1));
        Var xv = Var.param(x);
        Var loss = xv.matmul(w1).add(b1.reshape(4)).tanh().matmul(w2).add(b2.reshape(2))
                .sub(Var.constant(y)).square().mean();
        loss.backward();

        Value[][] ox = leaves(x);
        Value[][] oy = leaves(y);
        Value[][] ow1 = leaves(w1.value());
        Value[][] ob1 = leaves(b1.value());
        Value[][] ow2 = leaves(w2.value());
        Value[][] ob2 = leaves(b2.value());
        List<Value> terms = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            Value[] h = new Value[4];
            for (int j = 0; j < 4; j++) {
                Value s = ob1[0][j];
                for (int i = 0; i < 3; i++) {
                    s = s.add(ox[n][i].mul(ow1[i][j]));
                }
                h[j] = s.tanh();
            }
            for (int k = 0; k < 2; k++) {
                Value s = ob2[0][k];
                for (int j = 0; j < 4; j++) {
                    s = s.add(h[j].mul(ow2[j][k]));
                }
                terms.add(s.sub(oy[n][k]).pow(2));
            }
        }
        Value oracle = Value.sum(terms).mul(1.0 / terms.size());
        oracle.backward();

        assertEquals(oracle.data, loss.value().item(), TOL * (1 + Math.abs(oracle.data)), "MLP loss");
        assertGradients("x", ox, xv);
        assertGradients("w1", ow1, w1);
        assertGradients("b1", ob1, b1);
        assertGradients("w2", ow2, w2);
        assertGradients("b2", ob2, b2);
    }

    @Test
    void softmaxCrossEntropyByLogSoftmaxAndBySoftmax() {
        Rng rng = new Rng(12);
        Tensor logits = rng.randn(DType.F64, 4, 5).mul(2);
        long[] labels = {3, 0, 4, 3};
        Tensor index = Tensor.of(labels, 4, 1);

        Var z1 = Var.param(logits);
        z1.logSoftmax(1).gather(1, index).mean().neg().backward();
        Var z2 = Var.param(logits);
        z2.softmax(-1).gather(1, index).log().mean().neg().backward();

        Value[][] oz = leaves(logits);
        List<Value> terms = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            terms.add(logsumexp(oz[n]).sub(oz[n][(int) labels[n]]));
        }
        Value.sum(terms).mul(0.25).backward();

        assertGradients("cross-entropy via logSoftmax: logits", oz, z1);
        assertGradients("cross-entropy via softmax and log: logits", oz, z2);
    }

    @Test
    void weightedLogsumexpOverRows() {
        Rng rng = new Rng(13);
        Tensor x = rng.randn(DType.F64, 3, 4).mul(3);
        Tensor w = rng.randn(DType.F64, 3);
        Var xv = Var.param(x);
        xv.logsumexp(new int[] {1}, false).mul(Var.constant(w)).sum().backward();

        Value[][] ox = leaves(x);
        double[] wv = w.toDoubleArray();
        List<Value> terms = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            terms.add(logsumexp(ox[n]).mul(wv[n]));
        }
        Value.sum(terms).backward();
        assertGradients("logsumexp", ox, xv);
    }

    @Test
    void layerNormalisationComposite() {
        Rng rng = new Rng(14);
        Tensor x = rng.randn(DType.F64, 3, 6).mul(2).add(0.5);
        Tensor w = rng.randn(DType.F64, 3, 6);
        Var xv = Var.param(x);
        int[] last = {1};
        Var centred = xv.sub(xv.mean(last, true));
        centred.mul(xv.var(last, false, true).add(1e-5).rsqrt()).mul(Var.constant(w)).sum().backward();

        Value[][] ox = leaves(x);
        double[] wv = w.toDoubleArray();
        List<Value> terms = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Value mean = Value.sum(List.of(ox[n])).mul(1.0 / 6);
            List<Value> sq = new ArrayList<>();
            for (Value v : ox[n]) {
                sq.add(v.sub(mean).pow(2));
            }
            Value scale = Value.sum(sq).mul(1.0 / 6).add(1e-5).pow(-0.5);
            for (int j = 0; j < 6; j++) {
                terms.add(ox[n][j].sub(mean).mul(scale).mul(wv[n * 6 + j]));
            }
        }
        Value.sum(terms).backward();
        assertGradients("layer norm", ox, xv);
    }

    @Test
    void deepChainNeedsNoRecursion() {
        int depth = 20_000;
        Var x = Var.param(Tensor.of(0.3));
        Var v = x;
        Value ox = new Value(0.3);
        Value o = ox;
        for (int i = 0; i < depth; i++) {
            v = v.mul(0.9999).add(x.mul(1e-4));
            o = o.mul(0.9999).add(ox.mul(1e-4));
        }
        v.sum().backward();
        o.backward();
        assertEquals(ox.grad, x.grad().item(), TOL * (1 + Math.abs(ox.grad)), "d/dx of a 20 000-step chain");
    }
}
