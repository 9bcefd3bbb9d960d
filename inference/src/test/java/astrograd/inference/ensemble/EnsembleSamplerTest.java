package astrograd.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.inference.model.Space;
import astrograd.inference.stats.NormalDistribution;
import astrograd.inference.stats.Ranks;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class EnsembleSamplerTest {
    private static final Model GAUSS_2D = Model.of(Targets.standardNormal(), "a", "b");

    @Test
    void sameSeedSameDrawsWhateverTheThreadsAndAddingAnEnsembleChangesNoOther() {
        Initializer init = Initializer.ball(new double[] {0, 0}, new double[] {1, 1});
        EnsembleSampler parallel = EnsembleSampler.builder(GAUSS_2D).walkers(8).build();
        EnsembleSampler serial = EnsembleSampler.builder(GAUSS_2D).walkers(8).parallel(false).build();
        EnsembleResult three = parallel.run(3, init, 200, new Rng(99));
        EnsembleResult two = serial.run(2, init, 200, new Rng(99));
        for (int e = 0; e < 2; e++) {
            assertArrayEquals(two.ensemble(e).draws(0).values(), three.ensemble(e).draws(0).values(),
                    "ensemble " + e + " differs between 2 serial and 3 parallel ensembles");
        }
        assertTrue(!java.util.Arrays.equals(three.ensemble(0).draws(0).values(), three.ensemble(1).draws(0).values()),
                "ensembles must use different streams");
        EnsembleResult again = parallel.run(3, init, 200, new Rng(99));
        assertArrayEquals(three.draws(0).values(), again.draws(0).values());
    }

    @Test
    void tooFewWalkersOrADegenerateStartAreRefused() {
        Model m5 = Model.of(Targets.standardNormal(), 5);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> EnsembleSampler.builder(m5).walkers(9).build());
        assertTrue(few.getMessage().contains("2·D = 10"), few.getMessage());
        EnsembleSampler s = EnsembleSampler.builder(GAUSS_2D).walkers(8).build();
        // all walkers on the line b = 2a: an affine move never leaves it
        Tensor line = Tensor.of(new double[] {0, 0, 1, 2, 2, 4, 3, 6, -1, -2, 0.5, 1, 4, 8, -3, -6}, 8, 2);
        IllegalArgumentException degenerate = assertThrows(IllegalArgumentException.class,
                () -> s.run(line, 10, new Rng(1)));
        assertTrue(degenerate.getMessage().contains("degenerate subspace"), degenerate.getMessage());
        Tensor same = Tensor.full(DType.F64, 0.5, 8, 2);
        assertThrows(IllegalArgumentException.class, () -> s.run(same, 10, new Rng(1)));
        Tensor wrongShape = Tensor.zeros(DType.F64, 6, 2);
        assertThrows(IllegalArgumentException.class, () -> s.run(wrongShape, 10, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> s.run(nanStart(), 10, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> s.run(new Rng(2).randn(DType.F64, 8, 2), -1, new Rng(1)));
        assertThrows(IllegalArgumentException.class,
                () -> EnsembleSampler.builder(GAUSS_2D).walkers(4).move(Move.walk(3)).build());
        assertThrows(IllegalArgumentException.class, () -> Move.stretch(1.0));
        assertThrows(IllegalArgumentException.class, () -> Move.mixture(new double[] {1}, Move.stretch(), Move.walk()));
        assertThrows(IllegalArgumentException.class, () -> Move.mixture(new double[] {0, 0}, Move.stretch(), Move.walk()));
        assertThrows(IllegalArgumentException.class, () -> s.run(0, Initializer.prior(), 10, new Rng(1)));
    }

    private static Tensor nanStart() {
        double[] v = new Rng(2).randn(DType.F64, 8, 2).toDoubleArray();
        v[5] = Double.NaN;
        return Tensor.of(v, 8, 2);
    }

    @Test
    void aStartOutsideTheSupportIsRefused() {
        Model m = Model.builder().parameter("p", Prior.uniform(0, 1)).build();
        EnsembleSampler s = EnsembleSampler.builder(m).walkers(4).build();
        Tensor start = Tensor.of(new double[] {0.2, 0.4, 1.5, 0.7}, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(start, 5, new Rng(1)));
        assertTrue(e.getMessage().contains("walker 2"), e.getMessage());
    }

    @Test
    void nonFiniteLogDensitiesAreRejectedAndCounted() {
        // log(x + 1) is NaN below −1 and the chain must never go there nor hold a NaN
        Model m = Model.of(theta -> theta.select(1, 0).add(1.0).log().sub(theta.select(1, 0).square().mul(0.5)), "x");
        EnsembleSampler s = EnsembleSampler.builder(m).walkers(16).build();
        EnsembleChain c = s.run(new Rng(4).uniform(DType.F64, 0, 2, 16, 1), 1000, new Rng(5));
        assertTrue(c.nonFinite() > 0, "some proposals fall below -1");
        for (double v : c.draws(0).flat(0)) {
            assertTrue(v > -1 && Double.isFinite(v), "draw " + v);
        }
        for (int n = 0; n < c.stored(); n++) {
            for (int k = 0; k < 16; k++) {
                assertTrue(Double.isFinite(c.logDensity(n, k)));
            }
        }
    }

    @Test
    void thinningKeepsEveryKthStepAndCountsEveryStep() {
        EnsembleSampler s = EnsembleSampler.builder(GAUSS_2D).walkers(6).thin(5).build();
        EnsembleSampler all = EnsembleSampler.builder(GAUSS_2D).walkers(6).build();
        Tensor start = new Rng(3).randn(DType.F64, 6, 2);
        EnsembleChain thinned = s.run(start, 100, new Rng(6));
        EnsembleChain full = all.run(start, 100, new Rng(6));
        assertEquals(20, thinned.stored());
        assertEquals(100, thinned.steps());
        assertEquals(201, thinned.evaluations());
        assertEquals(full.position(9, 3, 1), thinned.position(1, 3, 1));
        assertArrayEquals(full.acceptanceFraction(), thinned.acceptanceFraction());
        assertArrayEquals(full.lastPositions().toDoubleArray(), thinned.lastPositions().toDoubleArray());
    }

    /**
     * Priors only, sampled in unconstrained space through each prior's bijection and mapped back: every marginal
     * follows its prior (KS < 0.05 on the draws of 2 ensembles).
     */
    @Test
    void boundedPriorsSampledInUnconstrainedSpaceAreRecovered() {
        Model m = Model.builder()
                .parameter("u", Prior.uniform(2, 5))
                .parameter("h", Prior.halfNormal(1))
                .parameter("t", Prior.truncatedNormal(0, 1, -1, 2))
                .parameter("l", Prior.logUniform(0.1, 10))
                .build();
        EnsembleSampler s = EnsembleSampler.builder(m).walkers(16).space(Space.UNCONSTRAINED).build();
        EnsembleResult r = s.run(2, Initializer.prior(), 2000, new Rng(12));
        Draws d = r.draws(500);
        astrograd.inference.diagnostics.Summary summary = r.summary(500);
        assertTrue(summary.maxRhat() < 1.01 && summary.minEssBulk() > 400, summary.toString());
        assertEquals(3.5, summary.row("u").mean(), 0.05);
        double mass = NormalDistribution.cdf(2) - NormalDistribution.cdf(-1);
        DoubleUnaryOperator[] cdfs = {
            x -> (x - 2) / 3,
            x -> 2 * NormalDistribution.cdf(x) - 1,
            x -> (NormalDistribution.cdf(x) - NormalDistribution.cdf(-1)) / mass,
            x -> Math.log(x / 0.1) / Math.log(100),
        };
        for (int j = 0; j < 4; j++) {
            double[] x = d.flat(j);
            double ks = Ranks.ksStatistic(x, cdfs[j]);
            System.out.printf("prior %s in unconstrained space: KS %.4f%n", m.parameters().get(j).prior(), ks);
            assertTrue(ks < 0.05, m.names().get(j) + ": KS " + ks);
            for (double v : x) {
                assertTrue(v >= m.parameters().get(j).prior().lower() && v <= m.parameters().get(j).prior().upper());
            }
        }
    }
}
