package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConcreteDropoutTest {
    /** A 1x1 convolution written with matmul: {@code y[n, o, ...] = Σ_c W[o, c] x[n, c, ...] + b[o]}. */
    private static final class ChannelMix extends Module implements Layer {
        private final Parameter weight;
        private final Parameter bias;

        ChannelMix(Tensor weight, Tensor bias) {
            this.weight = parameter("weight", weight);
            this.bias = parameter("bias", bias);
        }

        @Override
        public Var forward(Var x) {
            Var channelsLast = x.permute(0, 2, 3, 1);
            return channelsLast.matmul(weight.var().transpose(0, 1)).add(bias.var()).permute(0, 3, 1, 2);
        }
    }

    /** The fixture's model: the concrete-dropout layer with torch's parameters and fixed noise. */
    private static ConcreteDropout fromFixture(NormRnnFixtures f, boolean spatial, DType dtype) {
        double[] c = f.get("config").toDoubleArray();
        Tensor w = f.get("weight", dtype);
        Layer inner;
        if (spatial) {
            inner = new ChannelMix(w, f.get("bias", dtype));
        } else {
            Linear lin = new Linear(w.size(1), w.size(0), true, dtype, new Rng(1));
            lin.weight().set(w);
            lin.bias().set(f.get("bias", dtype));
            inner = lin;
        }
        ConcreteDropout cd = new ConcreteDropout(inner, (int) c[3], spatial, c[1], c[2], c[0], dtype, new Rng(2));
        cd.pLogit().set(f.get("p_logit", dtype));
        cd.setFixedNoise(f.get("noise", dtype));
        return cd;
    }

    private static Var fixtureLoss(NormRnnFixtures f, ConcreteDropout cd, Var x, DType dtype) {
        Var out = cd.forward(x);
        Var reg = cd.regularization();
        return out.mul(Var.constant(f.get("w_out", dtype))).sum().add(reg.mul(f.get("w_regularization").item()));
    }

    @ParameterizedTest
    @CsvSource({"concrete_dense,false,F64", "concrete_dense,false,F32", "concrete_spatial,true,F64", "concrete_spatial,true,F32"})
    void matchesTheReferenceCodeWithFixedNoise(String name, boolean spatial, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        ConcreteDropout cd = fromFixture(f, spatial, dtype);
        double tol = NormRnnFixtures.tol(dtype);
        Var x = Var.param(f.get("x", dtype));
        f.assertClose("out", cd.forward(x).value(), tol);
        f.assertClose("regularization", cd.regularization().value(), tol);
        fixtureLoss(f, cd, x, dtype).backward();
        f.assertClose("grad_x", x.grad(), tol);
        Map<String, Parameter> params = cd.namedParameters();
        f.assertClose("grad_p_logit", params.get("p_logit").grad(), tol);
        f.assertClose("grad_weight", params.get("layer.weight").grad(), tol);
        f.assertClose("grad_bias", params.get("layer.bias").grad(), tol);
    }

    @Test
    void gradientsOfPLogitAndWeightsPassFiniteDifferences() {
        for (String name : new String[] {"concrete_dense", "concrete_spatial"}) {
            NormRnnFixtures f = NormRnnFixtures.load(name);
            ConcreteDropout cd = fromFixture(f, name.endsWith("spatial"), DType.F64);
            Tensor x = f.get("x", DType.F64);
            GradCheck.assertPasses(GradCheck.check(v -> cd.forward(v[0]), x));
            // the relaxed mask as a function of p_logit, through the fixed-noise hook
            int[] maskShape = f.get("noise").shape();
            GradCheck.assertPasses(GradCheck.check(v -> cd.dropMask(v[0].sigmoid(), maskShape, DType.F64),
                    cd.pLogit().value()));
            Supplier<Var> loss = () -> fixtureLoss(f, cd, Var.constant(x), DType.F64);
            for (Map.Entry<String, Parameter> e : cd.namedParameters().entrySet()) {
                checkParameterGradient(name + " " + e.getKey(), e.getValue(), loss, cd);
            }
        }
    }

    /** Central differences of the loss in every element of a parameter against its backward gradient. */
    private static void checkParameterGradient(String what, Parameter p, Supplier<Var> loss, Module m) {
        m.zeroGrad();
        loss.get().backward();
        double[] analytic = p.grad().toDoubleArray();
        Tensor base = p.value();
        double[] values = base.toDoubleArray();
        double eps = 1e-6;
        for (int k = 0; k < values.length; k++) {
            double[] plus = values.clone();
            double[] minus = values.clone();
            plus[k] += eps;
            minus[k] -= eps;
            double lp;
            double lm;
            try (GradMode.Scope s = GradMode.noGrad()) {
                p.set(Tensor.of(plus, base.shape()));
                lp = loss.get().value().item();
                p.set(Tensor.of(minus, base.shape()));
                lm = loss.get().value().item();
            }
            double numeric = (lp - lm) / (2 * eps);
            assertEquals(numeric, analytic[k], 1e-6 + 1e-5 * Math.abs(numeric), what + "[" + k + "]");
        }
        p.set(base);
        assertTrue(Math.abs(analytic[0]) > 1e-6 || values.length > 1, what + ": gradient does not flow");
    }

    @Test
    void relaxedMaskMeanIsCloseToP() {
        ConcreteDropout cd = ConcreteDropout.dense(new Linear(1, 1, new Rng(1)), 1, 0, 0, new Rng(3));
        for (double p : new double[] {0.05, 0.1, 0.2, 0.5}) {
            Var pv = Var.constant(Tensor.of(new double[] {p}));
            double[] z = cd.dropMask(pv, new int[] {1_000_000}, DType.F64).value().toDoubleArray();
            double mean = 0;
            for (double v : z) {
                mean += v;
            }
            mean /= z.length;
            // relaxation bias at t = 0.1 is at most 0.0014 here; sampling error <= 0.0005
            assertEquals(p, mean, 0.003, "p = " + p);
        }
    }

    @Test
    void evaluationSkipsDropoutButPredictSamples() {
        Rng rng = new Rng(6);
        ConcreteDropout cd = new ConcreteDropout(new Linear(4, 2, true, DType.F64, rng), 4, false, 1e-4, 1e-3, 0.3,
                DType.F64, rng);
        Tensor x = rng.randn(DType.F64, 5, 4);
        Linear inner = (Linear) cd.inner();
        Tensor plain = inner.forward(Var.constant(x)).value();
        cd.eval();
        assertArrayEquals(plain.toDoubleArray(), cd.forward(Var.constant(x)).value().toDoubleArray(), 0);
        ConcreteDropout.Prediction pred = cd.predict(x, 200);
        assertFalse(cd.isTraining());
        assertArrayEquals(new int[] {5, 2}, pred.mean().shape());
        for (double v : pred.variance().toDoubleArray()) {
            assertTrue(v > 0, "MC variance " + v);
        }
        // after predict, eval forward is deterministic again
        assertArrayEquals(plain.toDoubleArray(), cd.forward(Var.constant(x)).value().toDoubleArray(), 0);
        assertEquals(0.3, cd.p(), 1e-12);
        assertEquals(List.of("p_logit", "layer.weight", "layer.bias"), List.copyOf(cd.namedParameters().keySet()));
    }

    @Test
    void badInputsAreNamed() {
        ConcreteDropout cd = ConcreteDropout.spatial(new Linear(3, 3, new Rng(1)), 3, 1e-6, 1e-3, new Rng(2));
        Exception e = assertThrows(ShapeException.class, () -> cd.forward(Var.constant(Tensor.zeros(2, 4, 5, 5))));
        assertEquals("ConcreteDropout(spatial, channels 3, p=0.1000): input [2, 4, 5, 5] must be [N, 3, ...]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ConcreteDropout(new Linear(2, 2, new Rng(1)), 2, false, 0, 0, 1.0, DType.F32, new Rng(1)));
    }

    /**
     * The paper's toy problem (y = 2x + 8 + ε, x and ε standard normal, N = 1000, l = 1e-4, τ = 1, batch
     * 20, 20 epochs of Adam at 1e-3): one hidden layer of 1024 ReLUs with concrete dropout on the input and
     * on the hidden layer, squared-error loss. Torch (the same script, 2 seeds) learns a hidden rate of 0.21.
     */
    @Test
    void learnsTheHiddenDropRateOfTheToyRegression() {
        int n = 1000;
        int hidden = 1024;
        Rng rng = new Rng(2017);
        Tensor x = rng.randn(DType.F32, n, 1);
        Tensor y = x.mul(2).add(8).add(rng.randn(DType.F32, n, 1));
        double wr = ConcreteDropout.weightRegularizer(1e-4, n);
        double dr = ConcreteDropout.dropoutRegularizer(1, n);
        ConcreteDropout input = new ConcreteDropout(new Sequential(new Linear(1, hidden, rng), Activation.relu()), 1, false,
                wr, dr, 0.1, DType.F32, rng);
        ConcreteDropout output = new ConcreteDropout(new Linear(hidden, 1, rng), hidden, false, wr, dr, 0.1, DType.F32, rng);
        Sequential model = new Sequential(input, output);
        Adam adam = new Adam(model.parameters(), 1e-3);
        for (int epoch = 0; epoch < 20; epoch++) {
            Tensor order = rng.permutation(n);
            for (int start = 0; start < n; start += 20) {
                Tensor idx = order.narrow(0, start, 20);
                Var err = model.forward(Var.constant(x.indexSelect(0, idx))).sub(Var.constant(y.indexSelect(0, idx)));
                Var loss = err.square().mean().add(ConcreteDropout.totalRegularization(model));
                loss.backward();
                adam.step();
            }
        }
        double p = output.p();
        assertTrue(p >= 0.18 && p <= 0.29, "hidden drop rate " + p);
        assertTrue(input.p() < 0.1, "input drop rate " + input.p());
        model.eval();
        ConcreteDropout.Prediction pred = ConcreteDropout.predict(model, Tensor.of(new float[] {0f}, 1, 1), 100);
        assertEquals(8, pred.mean().item(), 0.5);
    }

    /** A minimal Adam (β = 0.9, 0.999, ε = 1e-8) for the toy problem. */
    private static final class Adam {
        private final List<Parameter> params;
        private final double lr;
        private final List<Tensor> m = new ArrayList<>();
        private final List<Tensor> v = new ArrayList<>();
        private int t;

        Adam(List<Parameter> params, double lr) {
            this.params = params;
            this.lr = lr;
            for (Parameter p : params) {
                m.add(Tensor.zeros(p.value().dtype(), p.value().shape()));
                v.add(Tensor.zeros(p.value().dtype(), p.value().shape()));
            }
        }

        void step() {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                Tensor g = p.grad();
                m.set(i, m.get(i).mul(0.9).add(g.mul(0.1)));
                v.set(i, v.get(i).mul(0.999).add(g.square().mul(0.001)));
                Tensor update = m.get(i).div(c1).div(v.get(i).div(c2).sqrt().add(1e-8)).mul(lr);
                p.set(p.value().sub(update));
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void fusedNoGradMaskEqualsTheGraphMaskOnTheSameDraws() {
        ConcreteDropout cd = ConcreteDropout.dense(new Linear(64, 8, new Rng(1)), 64, 1e-6, 1e-3, new Rng(2));
        cd.pLogit().set(Tensor.full(DType.F32, Math.log(0.3 / 0.7), 1));
        Tensor x = new Rng(3).randn(DType.F32, 50, 64);
        cd.train();
        cd.setStreamByName("mask", new Rng(9));
        double[] graph = cd.forward(Var.constant(x)).value().toDoubleArray();
        cd.setStreamByName("mask", new Rng(9));
        double[] fused;
        try (GradMode.Scope s = GradMode.noGrad()) {
            fused = cd.forward(Var.constant(x)).value().toDoubleArray();
        }
        for (int i = 0; i < graph.length; i++) {
            assertEquals(graph[i], fused[i], 1e-4 * (1 + Math.abs(graph[i])), "element " + i);
        }
        assertFalse(java.util.Arrays.equals(graph, cd.forward(Var.constant(x)).value().toDoubleArray()));
    }
}
