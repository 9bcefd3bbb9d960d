package astrograd.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** An ensemble run cut into pieces, or interrupted, saved and resumed, equals the uninterrupted run bit for bit. */
class EnsembleCheckpointTest {
    private static final Model MODEL = Model.builder().parameter("a", Prior.normal(0, 1))
            .parameter("s", Prior.halfNormal(2)).likelihood(Targets.standardNormal()).build();
    private static final Initializer INIT = Initializer.ball(new double[] {0, 1}, new double[] {0.5, 0.2});

    @Test
    void resumedRunsEqualUninterruptedOnes(@TempDir Path dir) throws IOException {
        EnsembleSampler s = EnsembleSampler.builder(MODEL).walkers(8).space(Space.UNCONSTRAINED).thin(2)
                .moves(new double[] {0.7, 0.3}, Move.stretch(), Move.differentialEvolution()).build();
        EnsembleResult whole = s.run(3, INIT, 250, new Rng(5));
        Path file = dir.resolve("e.ckpt");
        s.start(3, INIT, new Rng(5)).advance(61).advance(40).checkpoint(file);
        EnsembleRun resumed = EnsembleRun.resume(s, file);
        assertEquals(101, resumed.steps());
        EnsembleResult r = resumed.advance(149).result();
        assertArrayEquals(whole.draws(0).values(), r.draws(0).values());
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(whole.ensemble(e).acceptanceFraction(), r.ensemble(e).acceptanceFraction());
            assertArrayEquals(whole.ensemble(e).lastPositions().toDoubleArray(),
                    r.ensemble(e).lastPositions().toDoubleArray());
            assertEquals(whole.ensemble(e).evaluations(), r.ensemble(e).evaluations());
            assertEquals(whole.ensemble(e).logDensity(124, 7), r.ensemble(e).logDensity(124, 7));
        }
    }

    @Test
    void damagedOrForeignCheckpointsAreRefused(@TempDir Path dir) throws IOException {
        EnsembleSampler s = EnsembleSampler.builder(MODEL).walkers(8).build();
        Path file = dir.resolve("e.ckpt");
        s.start(2, INIT, new Rng(1)).advance(10).checkpoint(file);
        byte[] good = Files.readAllBytes(file);
        Files.write(dir.resolve("short.ckpt"), Arrays.copyOf(good, good.length - 9));
        IOException e = assertThrows(IOException.class, () -> EnsembleRun.resume(s, dir.resolve("short.ckpt")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        EnsembleSampler other = EnsembleSampler.builder(MODEL).walkers(10).build();
        e = assertThrows(IOException.class, () -> EnsembleRun.resume(other, file));
        assertTrue(e.getMessage().contains("was written by"), e.getMessage());
    }
}
