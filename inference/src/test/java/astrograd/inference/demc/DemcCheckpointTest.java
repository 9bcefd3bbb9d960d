package astrograd.inference.demc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.ensemble.Initializer;
import astrograd.inference.ensemble.Targets;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.inference.model.Space;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run interrupted at generation k, saved, resumed and finished equals the uninterrupted run, bit for bit. */
class DemcCheckpointTest {
    private static final Model MODEL = Model.builder().parameter("a", Prior.normal(0, 1))
            .parameter("s", Prior.halfNormal(2)).likelihood(Targets.standardNormal()).build();
    private static final Initializer INIT = Initializer.ball(new double[] {0, 1}, new double[] {0.5, 0.2});

    @Test
    void resumedRunsEqualUninterruptedOnes(@TempDir Path dir) throws IOException {
        DemcSampler[] samplers = {DemcSampler.builder(MODEL).chains(5).build(),
            DemcSampler.builder(MODEL).chains(6).archive(false).space(Space.UNCONSTRAINED).thin(3).build()};
        for (DemcSampler s : samplers) {
            DemcResult whole = s.run(INIT, 301, new Rng(17));
            Path file = dir.resolve("run.ckpt");
            s.start(INIT, new Rng(17)).advance(137).checkpoint(file);
            DemcSampler same = s == samplers[0] ? DemcSampler.builder(MODEL).chains(5).build()
                    : DemcSampler.builder(MODEL).chains(6).archive(false).space(Space.UNCONSTRAINED).thin(3).build();
            DemcRun resumed = DemcRun.resume(same, file);
            assertEquals(137, resumed.generation());
            DemcResult r = resumed.advance(164).result();
            assertArrayEquals(whole.draws(0).values(), r.draws(0).values(), s.toString());
            assertArrayEquals(whole.lastPositions().toDoubleArray(), r.lastPositions().toDoubleArray());
            assertArrayEquals(whole.acceptanceFraction(), r.acceptanceFraction());
            assertArrayEquals(whole.snookerCounts(), r.snookerCounts());
            assertEquals(whole.archiveSize(), r.archiveSize());
            assertEquals(whole.evaluations(), r.evaluations());
            for (int n = 0; n < whole.stored(); n++) {
                for (int c = 0; c < whole.chains(); c++) {
                    assertEquals(whole.logDensity(n, c), r.logDensity(n, c));
                }
            }
        }
    }

    @Test
    void damagedTruncatedOrForeignCheckpointsAreRefused(@TempDir Path dir) throws IOException {
        DemcSampler s = DemcSampler.builder(MODEL).chains(4).build();
        Path file = dir.resolve("a.ckpt");
        s.start(INIT, new Rng(1)).advance(20).checkpoint(file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(dir.resolve("flipped.ckpt"), flipped);
        assertMessage(s, dir.resolve("flipped.ckpt"), "corrupt");

        Files.write(dir.resolve("short.ckpt"), Arrays.copyOf(good, good.length - 100));
        assertMessage(s, dir.resolve("short.ckpt"), "truncated");
        Files.write(dir.resolve("tiny.ckpt"), Arrays.copyOf(good, 5));
        assertMessage(s, dir.resolve("tiny.ckpt"), "truncated");
        Files.writeString(dir.resolve("text.ckpt"), "hello, not a checkpoint at all");
        assertMessage(s, dir.resolve("text.ckpt"), "not an astrograd sampler checkpoint");
        assertMessage(s, dir.resolve("missing.ckpt"), "does not exist");
        assertMessage(DemcSampler.builder(MODEL).chains(4).snooker(0.3).build(), file, "was written by");
    }

    @Test
    void checkpointsAreRewrittenInPlaceWithoutLeftovers(@TempDir Path dir) throws IOException {
        DemcSampler s = DemcSampler.builder(MODEL).chains(4).build();
        Path file = dir.resolve("a.ckpt");
        DemcRun run = s.start(INIT, new Rng(1)).advance(10);
        run.checkpoint(file);
        run.advance(5).checkpoint(file);
        assertEquals(15, DemcRun.resume(s, file).generation());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "a temporary file was left behind");
        }
    }

    private static void assertMessage(DemcSampler s, Path file, String part) {
        IOException e = assertThrows(IOException.class, () -> DemcRun.resume(s, file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
