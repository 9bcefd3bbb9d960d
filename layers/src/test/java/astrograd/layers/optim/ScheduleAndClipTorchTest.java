package astrograd.layers.optim;

import static astrograd.layers.optim.OptimFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.layers.Parameter;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Learning-rate sequences equal torch.optim.lr_scheduler's; clipping equals torch.nn.utils'. */
class ScheduleAndClipTorchTest {
    private static List<Parameter> oneParameter() {
        return new astrograd.layers.Linear(1, 1, false, DType.F64, new astrograd.tensor.Rng(0)).parameters();
    }

    private static double[] run(Optimizer opt, LrSchedule s, int steps) {
        double[] lrs = new double[steps + 1];
        lrs[0] = opt.lr();
        for (int i = 1; i <= steps; i++) {
            s.step();
            lrs[i] = opt.lr();
        }
        return lrs;
    }

    private static void check(String name, Function<Optimizer, LrSchedule> make) {
        OptimFixtures f = OptimFixtures.load("sched_" + name + ".txt");
        double[] expected = f.doubles("lr");
        Sgd sgd = new Sgd(oneParameter(), 0.1);
        assertClose(expected, run(sgd, make.apply(sgd), expected.length - 1), 1e-12, name);
    }

    @Test
    void stepExponentialAndCosineMatchTorch() {
        check("step", o -> new StepLr(o, 3, 0.5));
        check("exponential", o -> new ExponentialLr(o, 0.9));
        check("cosine", o -> new CosineAnnealingLr(o, 10, 0.001));
        check("cosine_zero_min", o -> new CosineAnnealingLr(o, 7, 0));
    }

    @Test
    void oneCycleMatchesTorchWithMomentumCycling() {
        OptimFixtures f = OptimFixtures.load("sched_onecycle_sgd.txt");
        Sgd sgd = Sgd.withMomentum(oneParameter(), 0.1, 0.9, false);
        OneCycleLr s = new OneCycleLr(sgd, 0.1, 20);
        List<Double> moms = new ArrayList<>(List.of(sgd.momentum()));
        double[] lrs = new double[20];
        lrs[0] = sgd.lr();
        for (int i = 1; i < 20; i++) {
            s.step();
            lrs[i] = sgd.lr();
            moms.add(sgd.momentum());
        }
        assertClose(f.doubles("lr"), lrs, 1e-12, "onecycle lr");
        assertClose(f.doubles("momentum"), moms.stream().mapToDouble(Double::doubleValue).toArray(), 1e-12, "onecycle momentum");
        s.step();
        assertThrows(IllegalStateException.class, s::step);

        OptimFixtures fa = OptimFixtures.load("sched_onecycle_adam.txt");
        Adam adam = new Adam(oneParameter(), 0.1);
        OneCycleLr sa = new OneCycleLr(adam, 0.05, 17);
        double[] betas = new double[17];
        betas[0] = adam.momentum();
        double[] alr = new double[17];
        alr[0] = adam.lr();
        for (int i = 1; i < 17; i++) {
            sa.step();
            alr[i] = adam.lr();
            betas[i] = adam.momentum();
        }
        assertClose(fa.doubles("lr"), alr, 1e-12, "onecycle adam lr");
        assertClose(fa.doubles("momentum"), betas, 1e-12, "onecycle adam beta1");

        OptimFixtures fl = OptimFixtures.load("sched_onecycle_linear_nomomentum.txt");
        Sgd plain = Sgd.withMomentum(oneParameter(), 0.1, 0.9, false);
        double[] got = run(plain, new OneCycleLr(plain, 0.2, 13, 0.4, false, 10, 100, false, 0.85, 0.95), 12);
        assertClose(fl.doubles("lr"), got, 1e-12, "onecycle linear");
        assertEquals(0.9, plain.momentum());
    }

    @Test
    void reduceOnPlateauMatchesTorch() {
        plateau("plateau_min", o -> new ReduceLrOnPlateau(o, ReduceLrOnPlateau.Mode.MIN, 0.5, 3, 1e-4, true, 0, 0));
        plateau("plateau_max_cooldown", o -> new ReduceLrOnPlateau(o, ReduceLrOnPlateau.Mode.MAX, 0.3, 2, 1e-4, true, 3, 0.004));
        plateau("plateau_abs", o -> new ReduceLrOnPlateau(o, ReduceLrOnPlateau.Mode.MIN, 0.5, 1, 0.005, false, 0, 0));
    }

    private static void plateau(String name, Function<Optimizer, ReduceLrOnPlateau> make) {
        OptimFixtures f = OptimFixtures.load("sched_" + name + ".txt");
        double[] metric = f.doubles("metric");
        Sgd sgd = new Sgd(oneParameter(), 0.1);
        ReduceLrOnPlateau s = make.apply(sgd);
        double[] lrs = new double[metric.length + 1];
        lrs[0] = sgd.lr();
        for (int i = 0; i < metric.length; i++) {
            s.step(metric[i]);
            lrs[i + 1] = sgd.lr();
        }
        assertClose(f.doubles("lr"), lrs, 1e-12, name);
    }

    @Test
    void scheduleStateRoundTrips() {
        Sgd a = new Sgd(oneParameter(), 0.1);
        CosineAnnealingLr s = new CosineAnnealingLr(a, 10, 0.001);
        for (int i = 0; i < 4; i++) {
            s.step();
        }
        Sgd b = new Sgd(oneParameter(), 0.1);
        b.loadState(a.state());
        CosineAnnealingLr t = new CosineAnnealingLr(b, 10, 0.001);
        t.loadState(s.state());
        for (int i = 0; i < 9; i++) {
            s.step();
            t.step();
            assertEquals(a.lr(), b.lr(), 0.0);
        }
    }

    @Test
    void clipGradNormMatchesTorch() {
        OptimFixtures f = OptimFixtures.load("clip.txt");
        for (String c : List.of("norm2_small", "norm2_large", "norm_inf", "norm1", "norm3")) {
            Sequential m = OptimizerTorchTest.fixtureMlp(f);
            OptimizerTorchTest.lossBackward(m, f);
            m.namedParameters().forEach((n, p) -> assertClose(f.doubles("grad." + n), p.grad().toDoubleArray(), 1e-12, "grad " + n));
            double[] cfg = f.doubles("case." + c);
            double total = GradClip.clipGradNorm(m.parameters(), cfg[0], cfg[1], false);
            assertEquals(f.scalar("total." + c), total, 1e-12 * total, c);
            m.namedParameters().forEach((n, p) -> assertClose(f.doubles("clipped." + c + "." + n), p.grad().toDoubleArray(), 1e-12,
                    c + " " + n));
        }
        Sequential m = OptimizerTorchTest.fixtureMlp(f);
        OptimizerTorchTest.lossBackward(m, f);
        GradClip.clipGradValue(m.parameters(), 0.01);
        m.namedParameters().forEach((n, p) -> assertArrayEquals(f.doubles("value." + n), p.grad().toDoubleArray(), 0.0, "value " + n));
    }

    @Test
    void clippingValidatesAndIgnoresMissingGradients() {
        List<Parameter> ps = oneParameter();
        assertEquals(0.0, GradClip.clipGradNorm(ps, 1.0));
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(ps, -1));
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(ps, 1, 0, false));
        ps.get(0).var().mul(Double.NaN).sum().backward();
        assertTrue(assertThrows(ArithmeticException.class, () -> GradClip.clipGradNorm(ps, 1, 2, true)).getMessage().contains("NaN"));
        Tensor g = ps.get(0).grad();
        assertTrue(Double.isNaN(g.toDoubleArray()[0]));
    }
}
