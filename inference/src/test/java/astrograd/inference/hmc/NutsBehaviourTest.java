package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** NUTS and static HMC on small targets with a fixed step size: exactness, saturation, divergences, bad options. */
class NutsBehaviourTest {
    /** {@code x = log E}, {@code E ~ Exp(1)}: {@code log p = x − eˣ}, mean −γ (Euler), variance π²/6; skewed. */
    private static final Model LOG_EXPONENTIAL = Model.of(t -> t.sub(t.exp()).sum(new int[] {1}, false), 1);
    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void nutsSamplesASkewedDensityExactly() {
        HmcResult r = HmcSampler.nuts(LOG_EXPONENTIAL).warmup(0).stepSize(0.6).metric(MetricKind.UNIT).draws(2500)
                .build().run(4, new Rng(21));
        checkLogExponential(r.draws());
        assertEquals(0, r.divergences());
    }

    @Test
    void staticHmcSamplesASkewedDensityExactly() {
        HmcResult r = HmcSampler.staticHmc(LOG_EXPONENTIAL, 1.3).warmup(0).stepSize(0.3).metric(MetricKind.UNIT)
                .stepSizeJitter(0.5).draws(2500).build().run(4, new Rng(22));
        checkLogExponential(r.draws());
        assertTrue(r.meanAcceptStat() > 0.9, "accept " + r.meanAcceptStat());
    }

    private static void checkLogExponential(Draws d) {
        double[][] x = d.parameter(0);
        double mean = mean(d.flat(0));
        double mcse = Convergence.mcseMean(x);
        assertEquals(-EULER_GAMMA, mean, 4 * mcse, "mean, MCSE " + mcse);
        double var = variance(d.flat(0), mean);
        double expected = Math.PI * Math.PI / 6;
        assertEquals(expected, var, 0.06 * expected, "variance");
        assertTrue(Convergence.rhat(x) < 1.01, "R-hat " + Convergence.rhat(x));
    }

    @Test
    void treeDepthSaturatesWithATinyStep() {
        Model m = Targets.independentGaussian(new double[] {1, 2, 3});
        HmcResult r = HmcSampler.nuts(m).warmup(0).stepSize(1e-3).maxTreeDepth(4).draws(20).build().run(1,
                new Rng(1));
        SamplerStats s = r.chain(0).stats();
        for (int i = 0; i < 20; i++) {
            assertEquals(4, s.treeDepth()[i]);
            assertEquals(15, s.nLeapfrog()[i]);
        }
        assertEquals(20, r.treeDepthSaturations());
        assertTrue(r.diagnostics().contains("20 of 20 transitions hit the maximum tree depth"), r.diagnostics());
        // one gradient at the start, one per leapfrog step
        assertEquals(1 + 20 * 15, r.gradientEvaluations());
    }

    @Test
    void hugeStepsDivergeAndAreLocated() {
        Model m = Targets.independentGaussian(new double[] {1, 1});
        double[] start = {0.3, -0.4};
        HmcResult r = HmcSampler.nuts(m).warmup(0).stepSize(50).draws(10).build()
                .run(Tensor.of(start.clone(), 1, 2), new Rng(2));
        HmcChain c = r.chain(0);
        assertEquals(10, c.divergences());
        assertEquals(10, c.divergenceList().size());
        for (int i = 0; i < 10; i++) {
            Divergence d = c.divergenceList().get(i);
            assertEquals(i, d.iteration());
            assertFalse(d.warmup());
            assertArrayEquals(start, d.position(), 0, "a divergent first step leaves the chain where it was");
            assertTrue(Math.abs(d.divergentPoint()[0]) + Math.abs(d.divergentPoint()[1]) > 10,
                    "the point of divergence is far out: " + Arrays.toString(d.divergentPoint()));
            assertEquals(1, c.stats().nLeapfrog()[i]);
            assertEquals(0, c.stats().treeDepth()[i]);
            assertEquals(0, c.stats().acceptStat()[i], 1e-100);
        }
        assertTrue(r.diagnostics().startsWith("10 of 10 transitions after warm-up diverged"), r.diagnostics());
    }

    @Test
    void noUTurnCriterion() {
        double[] rho = {1, 1};
        assertTrue(NutsTransition.noUTurn(new double[] {1, 0}, new double[] {0, 1}, rho));
        assertFalse(NutsTransition.noUTurn(new double[] {1, 0}, new double[] {-2, 0.5}, rho));
        assertFalse(NutsTransition.noUTurn(new double[] {-1, -1}, new double[] {1, 1}, rho));
        assertEquals(Math.log(Math.exp(-1) + Math.exp(-2)), NutsTransition.logSumExp(-1, -2), 1e-15);
        assertEquals(-3, NutsTransition.logSumExp(Double.NEGATIVE_INFINITY, -3));
    }

    @Test
    void startsAtGivenPointsInConstrainedSpace() {
        Model m = Targets.eightSchoolsNonCentered();
        double[] start = new double[10];
        start[8] = 2;
        start[9] = 7.5;
        Tensor init = Tensor.of(concat(start, start), 2, 10);
        HmcResult r = HmcSampler.nuts(m).warmup(0).stepSize(1e-6).maxTreeDepth(1).draws(3).build().run(init,
                new Rng(3));
        for (int c = 0; c < 2; c++) {
            assertEquals(7.5, r.chain(c).draws().get(0, 0, 9), 1e-4, "tau starts at 7.5");
        }
        assertEquals(r.draws().names(), m.names());
        assertThrows(IllegalArgumentException.class, () -> HmcSampler.nuts(m).build()
                .run(Tensor.of(new double[] {1, 2}, 1, 2), new Rng(1)));
        double[] outside = start.clone();
        outside[9] = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HmcSampler.nuts(m).build()
                .run(Tensor.of(outside, 1, 10), new Rng(1)));
        assertTrue(e.getMessage().contains("starting point"), e.getMessage());
    }

    @Test
    void aDensityWithoutFinitePointsIsRefused() {
        Model nowhere = Model.of(t -> t.sum(new int[] {1}, false).mul(0).add(Double.NEGATIVE_INFINITY), 2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HmcSampler.nuts(nowhere).build().run(1, new Rng(1)));
        assertTrue(e.getMessage().contains("no finite log-density"), e.getMessage());
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        Model m = Targets.independentGaussian(new double[] {1});
        String[] messages = {
            message(() -> HmcSampler.nuts(m).stepSize(-0.1)),
            message(() -> HmcSampler.nuts(m).stepSize(Double.NaN)),
            message(() -> HmcSampler.nuts(m).draws(0)),
            message(() -> HmcSampler.nuts(m).warmup(-1)),
            message(() -> HmcSampler.nuts(m).targetAccept(1)),
            message(() -> HmcSampler.nuts(m).maxTreeDepth(0)),
            message(() -> HmcSampler.nuts(m).stepSizeJitter(1.5)),
            message(() -> HmcSampler.nuts(m).initRadius(-1)),
            message(() -> HmcSampler.nuts(m).windows(0, 50, 25)),
            message(() -> HmcSampler.staticHmc(m, 0)),
            message(() -> HmcSampler.nuts(m).build().run(0, new Rng(1))),
            message(() -> HmcSampler.nuts(null)),
        };
        for (String msg : messages) {
            assertTrue(msg.startsWith("hmc: ") && !msg.contains("\n"), msg);
        }
        assertEquals("hmc: step size must be > 0 and finite, got -0.1", messages[0]);
        assertEquals("hmc: draws must be >= 1, got 0", messages[2]);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
