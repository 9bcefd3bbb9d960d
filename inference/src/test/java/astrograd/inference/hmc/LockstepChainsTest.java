package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chains advanced together, with one batched evaluation per leapfrog step, give the same bits as the same chains run
 * one after another: draws, statistics, divergences, step sizes, metrics and counters — for NUTS with both metrics,
 * static HMC with jitter, a model with divergences and one with non-finite regions; also when the run is advanced in
 * pieces, checkpointed and resumed.
 */
class LockstepChainsTest {
    private static final int WARMUP = 200;
    private static final int DRAWS = 100;

    @TempDir
    Path tmp;

    private static HmcSampler.Builder builder(String kind) {
        return switch (kind) {
            case "nuts-dense" -> HmcSampler.nuts(Targets.eightSchoolsNonCentered()).metric(MetricKind.DENSE);
            case "static-jitter" -> HmcSampler.staticHmc(Targets.eightSchoolsNonCentered(), 2).stepSizeJitter(0.2);
            case "funnel" -> HmcSampler.nuts(Targets.funnel(4));
            case "non-finite" -> HmcSampler.nuts(nanOutsideBall()).maxTreeDepth(6);
            default -> HmcSampler.nuts(Targets.eightSchoolsNonCentered()).stepSizeJitter(0.1);
        };
    }

    /** A standard normal in 3-D whose log-density is NaN where |x|² > 6, so long trajectories meet NaN. */
    private static Model nanOutsideBall() {
        return Model.of(theta -> {
            Var r2 = theta.square().sum(new int[] {1}, false);
            return r2.mul(-0.5).add(r2.neg().add(6).log().mul(0));
        }, 3);
    }

    private static HmcResult oneByOne(String kind, int chains) {
        return builder(kind).warmup(WARMUP).draws(DRAWS).parallel(false).build().run(chains, new Rng(17));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nuts-diag", "nuts-dense", "static-jitter", "funnel", "non-finite"})
    void chainsAdvancedTogetherHaveTheSameBitsAsChainsRunAlone(String kind) {
        HmcResult alone = oneByOne(kind, 4);
        HmcResult together = builder(kind).warmup(WARMUP).draws(DRAWS).batchChains(true).build().run(4, new Rng(17));
        assertSame(alone, together, kind);
        if (kind.equals("funnel")) {
            assertTrue(alone.divergences() + alone.chains().stream().mapToInt(c -> c.warmupStats().divergences()).sum()
                    > 0, "the funnel should diverge somewhere");
        }
        if (kind.equals("non-finite")) {
            assertTrue(alone.chains().stream().mapToLong(HmcChain::nonFinite).sum() > 0, "no NaN point was met");
        }
    }

    @Test
    void aBatchedRunStoppedCheckpointedAndResumedHasTheSameBits(@TempDir Path dir) throws IOException {
        HmcResult alone = oneByOne("nuts-diag", 3);
        HmcSampler batched = builder("nuts-diag").warmup(WARMUP).draws(DRAWS).batchChains(true).build();
        HmcRun run = batched.start(3, new Rng(17)).advance(123);
        Path file = dir.resolve("run.ckpt");
        run.checkpoint(file);
        HmcRun resumed = HmcRun.resume(batched, file);
        while (!resumed.done()) {
            resumed.advance(41);
        }
        assertSame(alone, resumed.result(), "resumed");
    }

    private static void assertSame(HmcResult expected, HmcResult actual, String what) {
        assertEquals(DeterminismMain.digest(expected), DeterminismMain.digest(actual), what + ": draws and statistics");
        for (int c = 0; c < expected.chains().size(); c++) {
            HmcChain e = expected.chains().get(c);
            HmcChain a = actual.chains().get(c);
            assertEquals(e.stepSize(), a.stepSize(), what);
            assertEquals(e.gradientEvaluations(), a.gradientEvaluations(), what);
            assertEquals(e.nonFinite(), a.nonFinite(), what);
            assertEquals(e.divergenceList().size(), a.divergenceList().size(), what);
            for (int k = 0; k < e.divergenceList().size(); k++) {
                assertArrayEquals(e.divergenceList().get(k).divergentPoint(), a.divergenceList().get(k).divergentPoint(),
                        what);
            }
            assertTrue(Arrays.deepEquals(e.metric().inverseMetric(), a.metric().inverseMetric()), what + ": metric");
            assertArrayEquals(e.stats().treeDepth(), a.stats().treeDepth(), what);
        }
    }
}
