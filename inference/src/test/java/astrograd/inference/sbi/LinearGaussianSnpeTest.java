package astrograd.inference.sbi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.sbi.SnpeConfig.Estimator;
import astrograd.inference.sbi.SnpeConfig.Method;
import astrograd.inference.sbi.tasks.LinearGaussian;
import astrograd.inference.sbi.tasks.Task;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * sbi's own linear-Gaussian tests ({@code tests/linearGaussian_snpe_test.py}, {@code linearGaussian_mdn_test.py}):
 * θ ~ N(0, I₂), x | θ ~ N(θ − 1, 0.3·I₂), x_o = 0, exact posterior N(0.769·1, 0.2308·I). Each method must reach a
 * C2ST in [0.4, 0.6] against 1,000 exact draws.
 */
class LinearGaussianSnpeTest {
    private static final Task TASK = new LinearGaussian();
    private static final Tensor XO = Tensor.zeros(DType.F64, 2);

    private static double c2st(Posterior posterior, long seed) {
        Posterior.Samples s = posterior.sample(1000, XO, new Rng(seed));
        Tensor reference = TASK.referencePosterior(XO, 1000, new Rng(seed + 1));
        return C2st.sbibm().score(reference, s.theta(), seed);
    }

    private static void assertGate(String what, double c2st) {
        System.out.println(what + " C2ST = " + c2st);
        assertTrue(c2st >= 0.4 && c2st <= 0.6, what + ": C2ST " + c2st + " outside [0.4, 0.6]");
    }

    @Test
    void npeWithMdnOn2000Simulations() {
        SnpeConfig cfg = SnpeConfig.defaults(Method.NPE, Estimator.MDN, 2000).withSeed(1);
        Snpe.Result r = Snpe.run(cfg, TASK.prior(), TASK.simulator(), null);
        System.out.println(r.rounds());
        assertGate("NPE-MDN", c2st(r.posterior(), 11));
    }

    @Test
    void snpeAWithThreeComponentsInTwoRounds() {
        SnpeConfig cfg = SnpeConfig.defaults(Method.SNPE_A, Estimator.MDN, 1000, 1000).withComponents(3).withSeed(2);
        Snpe.Result r = Snpe.run(cfg, TASK.prior(), TASK.simulator(), XO);
        System.out.println(r.rounds());
        assertGate("SNPE-A", c2st(r.posterior(), 12));
    }

    @Test
    void snpeCNonAtomicMdnWithFiveComponents() {
        SnpeConfig cfg = SnpeConfig.defaults(Method.SNPE_C, Estimator.MDN, 900, 1000).withComponents(5).withSeed(3);
        Snpe.Result r = Snpe.run(cfg, TASK.prior(), TASK.simulator(), XO);
        System.out.println(r.rounds());
        assertGate("SNPE-C (non-atomic MDN)", c2st(r.posterior(), 13));
    }
}
