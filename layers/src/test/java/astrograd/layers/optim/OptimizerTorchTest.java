package astrograd.layers.optim;

import static astrograd.layers.optim.OptimFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Parameter;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each optimizer's 20-step trajectory on the fixture MLP equals torch.optim's (F64, 1e-10). */
class OptimizerTorchTest {
    static final int STEPS = 20;

    static final Map<String, Function<List<Parameter>, Optimizer>> OPTIMIZERS = Map.ofEntries(
            Map.entry("sgd", p -> new Sgd(p, 0.1)),
            Map.entry("sgd_momentum", p -> Sgd.withMomentum(p, 0.05, 0.9, false)),
            Map.entry("sgd_nesterov_wd", p -> new Sgd(p, 0.05, 0.9, 0, true, 0.01)),
            Map.entry("sgd_dampening_groups", p -> new Sgd(p, 0.05, 0.8, 0.3, false, 0)),
            Map.entry("adam", p -> new Adam(p, 0.01)),
            Map.entry("adam_amsgrad_wd", p -> new Adam(p, 0.02, 0.8, 0.99, 1e-6, 0.1, true)),
            Map.entry("adam_groups", p -> new Adam(p, 0.01)),
            Map.entry("adamw", p -> new AdamW(p, 0.01, 0.9, 0.999, 1e-8, 0.1, false)),
            Map.entry("adamw_amsgrad_groups", p -> new AdamW(p, 0.02, 0.85, 0.98, 1e-8, 0.05, true)),
            Map.entry("rmsprop", p -> new RmsProp(p, 0.01)),
            Map.entry("rmsprop_centered_momentum_wd", p -> new RmsProp(p, 0.005, 0.9, 1e-6, 0.01, 0.5, true)),
            Map.entry("rmsprop_momentum_groups", p -> new RmsProp(p, 0.01, 0.99, 1e-8, 0, 0.3, false)));

    /** The fixture MLP (Linear 3→4, tanh, Linear 4→2) in F64 with the fixture's initial parameters. */
    static Sequential fixtureMlp(OptimFixtures f) {
        Rng rng = new Rng(1);
        Sequential m = new Sequential(new Linear(3, 4, true, DType.F64, rng), Activation.tanh(), new Linear(4, 2, true, DType.F64, rng));
        m.namedParameters().forEach((name, p) -> p.set(f.tensor("init." + name)));
        return m;
    }

    static void lossBackward(Sequential m, OptimFixtures f) {
        Var out = m.forward(Var.constant(f.tensor("x")));
        out.sub(Var.constant(f.tensor("y"))).square().mean().backward();
    }

    static double[] flat(Sequential m) {
        List<Parameter> ps = m.parameters();
        int n = 0;
        for (Parameter p : ps) {
            n += (int) p.count();
        }
        double[] out = new double[n];
        int off = 0;
        for (Parameter p : ps) {
            double[] v = p.value().toDoubleArray();
            System.arraycopy(v, 0, out, off, v.length);
            off += v.length;
        }
        return out;
    }

    private static Optimizer setUp(String name, Sequential m, OptimFixtures f) {
        if (f.has("lrmult.2")) {
            m.setLrMultiplier("2.", f.scalar("lrmult.2"));
        }
        return OPTIMIZERS.get(name).apply(m.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "sgd_nesterov_wd", "sgd_dampening_groups", "adam", "adam_amsgrad_wd",
            "adam_groups", "adamw", "adamw_amsgrad_groups", "rmsprop", "rmsprop_centered_momentum_wd", "rmsprop_momentum_groups"})
    void trajectoryMatchesTorch(String name) {
        OptimFixtures f = OptimFixtures.load("opt_" + name + ".txt");
        Sequential m = fixtureMlp(f);
        Optimizer opt = setUp(name, m, f);
        for (int step = 1; step <= STEPS; step++) {
            opt.zeroGrad();
            lossBackward(m, f);
            opt.step();
            assertClose(f.doubles("step." + step), flat(m), 1e-10, name + " step " + step);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd_nesterov_wd", "adam_amsgrad_wd", "adamw", "rmsprop_centered_momentum_wd"})
    void resumingFromStateContinuesBitForBit(String name) {
        OptimFixtures f = OptimFixtures.load("opt_" + name + ".txt");
        Sequential straight = fixtureMlp(f);
        Optimizer a = setUp(name, straight, f);
        Sequential interrupted = fixtureMlp(f);
        Optimizer b = setUp(name, interrupted, f);
        for (int step = 0; step < 7; step++) {
            train(straight, a, f);
            train(interrupted, b, f);
        }
        Map<String, Tensor> saved = b.state();
        Sequential resumed = fixtureMlp(f);
        interrupted.namedParameters().forEach((n, p) -> resumed.namedParameters().get(n).set(p.value()));
        Optimizer c = setUp(name, resumed, f);
        c.setLr(123);
        c.loadState(saved);
        for (int step = 0; step < 8; step++) {
            train(straight, a, f);
            train(resumed, c, f);
        }
        assertArrayEquals(flat(straight), flat(resumed), 0.0);
    }

    private static void train(Sequential m, Optimizer opt, OptimFixtures f) {
        opt.zeroGrad();
        lossBackward(m, f);
        opt.step();
    }

    @Test
    void stateIsNamedByParameterIndexAndSlot() {
        OptimFixtures f = OptimFixtures.load("opt_adam.txt");
        Sequential m = fixtureMlp(f);
        Adam adam = new Adam(m.parameters(), 0.01, 0.9, 0.999, 1e-8, 0, true);
        train(m, adam, f);
        Map<String, Tensor> s = adam.state();
        assertEquals(List.of("lr", "beta1", "param.0.step", "param.0.exp_avg", "param.0.exp_avg_sq", "param.0.max_exp_avg_sq"),
                List.copyOf(s.keySet()).subList(0, 6));
        assertEquals(1.0, s.get("param.3.step").item());
        assertArrayEquals(new int[] {4, 3}, s.get("param.0.exp_avg").shape());
        Map<String, Tensor> bad = new java.util.HashMap<>(s);
        bad.put("param.0.exp_avg", Tensor.zeros(DType.F64, 3, 4));
        assertTrue(assertThrows(RuntimeException.class, () -> adam.loadState(bad)).getMessage()
                .contains("'param.0.exp_avg' is F64 [3, 4] but parameter 0 is F64 [4, 3]"));
        assertThrows(IllegalArgumentException.class, () -> adam.loadState(Map.of("param.9.exp_avg", Tensor.zeros(DType.F64, 2))));
        assertThrows(IllegalArgumentException.class, () -> adam.loadState(Map.of("param.0.velocity", Tensor.zeros(DType.F64, 4, 3))));
    }

    @Test
    void frozenParametersAndParametersWithoutGradientsAreSkipped() {
        OptimFixtures f = OptimFixtures.load("opt_sgd.txt");
        Sequential m = fixtureMlp(f);
        Sgd sgd = new Sgd(m.parameters(), 0.1);
        m.freeze("0.");
        Tensor w0 = m.namedParameters().get("0.weight").value();
        Tensor w2 = m.namedParameters().get("2.weight").value();
        train(m, sgd, f);
        assertTrue(w0 == m.namedParameters().get("0.weight").value());
        assertTrue(w2 != m.namedParameters().get("2.weight").value());
        Tensor b2 = m.namedParameters().get("2.bias").value();
        sgd.zeroGrad();
        sgd.step();
        assertTrue(b2 == m.namedParameters().get("2.bias").value());
        assertNull(m.namedParameters().get("2.bias").grad());
    }

    @Test
    void f32ParametersStayF32() {
        Rng rng = new Rng(3);
        Linear l = new Linear(5, 3, rng);
        Adam adam = new AdamW(l.parameters(), 0.01);
        l.forward(Var.constant(rng.randn(DType.F32, 4, 5))).square().sum().backward();
        adam.step();
        assertEquals(DType.F32, l.weight().value().dtype());
        assertEquals(DType.F32, adam.state().get("param.0.exp_avg").dtype());
    }

    @Test
    void invalidHyperparametersAreRefused() {
        List<Parameter> ps = new Linear(2, 2, new Rng(1)).parameters();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0, false)).getMessage()
                .contains("Adam: beta1 must be in [0, 1), got 1.0"));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, -1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, 0.1, 0, 0, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new RmsProp(ps, 0.1, 1.5, 1e-8, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(), 0.1));
    }
}
