package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run advanced in pieces, checkpointed, and continued by a new sampler object from the file ends with the same
 * bits as one call to {@link HmcSampler#run}: draws, statistics, divergences, step size, metric and counters. The
 * stopping points fall in the fast buffer, inside and at the end of slow windows, at the end of warm-up and in
 * sampling.
 */
class HmcRunTest {
    private static final int WARMUP = 150;
    private static final int DRAWS = 60;

    @TempDir
    Path tmp;

    private static HmcSampler sampler(String kind) {
        Model gaussian = Targets.independentGaussian(new double[] {0.5, 1, 2});
        return switch (kind) {
            case "nuts-dense" -> HmcSampler.nuts(gaussian).metric(MetricKind.DENSE).warmup(WARMUP).draws(DRAWS).build();
            case "static-jitter" -> HmcSampler.staticHmc(gaussian, 3).stepSizeJitter(0.3).warmup(WARMUP).draws(DRAWS)
                    .build();
            case "funnel" -> HmcSampler.nuts(Targets.funnel(3)).warmup(WARMUP).draws(DRAWS).build();
            default -> HmcSampler.nuts(gaussian).warmup(WARMUP).draws(DRAWS).build();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"nuts-diag", "nuts-dense", "static-jitter", "funnel"})
    void aRunStoppedAnywhereAndResumedFromItsFileHasTheSameBits(String kind) throws IOException {
        HmcResult straight = sampler(kind).run(3, new Rng(31));
        for (int stop : new int[] {0, 1, 40, 97, 98, 149, 150, 151, 209}) {
            HmcRun run = sampler(kind).start(3, new Rng(31)).advance(stop);
            Path file = tmp.resolve(kind + "-" + stop + ".ckpt");
            run.checkpoint(file);
            HmcRun resumed = HmcRun.resume(sampler(kind), file);
            assertEquals(stop, resumed.iteration());
            while (!resumed.done()) {
                resumed.advance(37);
            }
            assertSame(straight, resumed.result(), kind + " stopped at " + stop);
        }
        if (kind.equals("funnel")) {
            assertTrue(straight.chains().stream().mapToInt(HmcChain::divergences).sum() > 0,
                    "the funnel's run should have divergences to carry over");
        }
    }

    private static void assertSame(HmcResult expected, HmcResult actual, String what) {
        assertEquals(DeterminismMain.digest(expected), DeterminismMain.digest(actual), what + ": draws and statistics");
        for (int c = 0; c < expected.chains().size(); c++) {
            HmcChain e = expected.chains().get(c);
            HmcChain a = actual.chains().get(c);
            assertEquals(e.stepSize(), a.stepSize(), what);
            assertEquals(e.gradientEvaluations(), a.gradientEvaluations(), what);
            assertEquals(e.divergences(), a.divergences(), what);
            for (int k = 0; k < e.divergences(); k++) {
                assertArrayEquals(e.divergenceList().get(k).divergentPoint(), a.divergenceList().get(k).divergentPoint(), what);
            }
            assertTrue(Arrays.deepEquals(e.metric().inverseMetric(), a.metric().inverseMetric()), what + ": metric");
            assertArrayEquals(e.stats().treeDepth(), a.stats().treeDepth(), what);
        }
    }

    @Test
    void anUnfinishedRunHasNoResultAndAdvancingStopsAtTheEnd() {
        HmcRun run = sampler("nuts-diag").start(2, new Rng(1)).advance(10);
        IllegalStateException e = assertThrows(IllegalStateException.class, run::result);
        assertTrue(e.getMessage().contains("iteration 10 of 210"), e.getMessage());
        run.advance(1_000_000);
        assertEquals(WARMUP + DRAWS, run.iteration());
        assertTrue(run.done());
        assertThrows(IllegalArgumentException.class, () -> run.advance(-1));
    }

    @Test
    void aCheckpointOfAnotherConfigurationOrADamagedOneIsRefusedWithOneLine() throws IOException {
        Path file = tmp.resolve("run.ckpt");
        sampler("nuts-diag").start(2, new Rng(1)).advance(20).checkpoint(file);
        HmcSampler other = HmcSampler.nuts(Targets.independentGaussian(new double[] {0.5, 1, 2})).warmup(WARMUP)
                .draws(DRAWS).targetAccept(0.9).build();
        IOException e = assertThrows(IOException.class, () -> HmcRun.resume(other, file));
        assertTrue(e.getMessage().contains("was written by"), e.getMessage());

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = tmp.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IOException.class, () -> HmcRun.resume(sampler("nuts-diag"), truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        bytes[bytes.length / 3] ^= 1;
        Path flipped = tmp.resolve("flipped.ckpt");
        Files.write(flipped, bytes);
        e = assertThrows(IOException.class, () -> HmcRun.resume(sampler("nuts-diag"), flipped));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
}
