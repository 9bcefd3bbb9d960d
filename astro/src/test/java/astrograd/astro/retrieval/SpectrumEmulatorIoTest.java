package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved emulator loads with the same predictions, bit for bit; bad, truncated and foreign files are refused. */
class SpectrumEmulatorIoTest {
    private static final String WHAT = "cheap model, HELA prior";

    private static SpectrumEmulator small() {
        Simulations sims = Simulations.draw(PriorBox.hela(), SurrogateRetrievalTest.CHEAP::spectrum, 120, 3);
        return SpectrumEmulator.train(sims.rows(0, 100), sims.rows(100, 120),
                new EmulatorConfig(new int[] {8, 6}, 2, 32, 3e-3, 5, false, 4), null);
    }

    @Test
    void aSavedEmulatorPredictsTheSameBitsAfterLoading(@TempDir Path dir) throws IOException {
        SpectrumEmulator e = small();
        Path file = dir.resolve("emulator.ckpt");
        e.save(file, WHAT);
        SpectrumEmulator back = SpectrumEmulator.load(file, WHAT);
        for (double[] theta : new double[][] {{1400, -3.5, -6, -8, -5}, {600, -12, -1, -5, 1}}) {
            assertArrayEquals(e.predict(theta), back.predict(theta), Arrays.toString(theta));
        }
        assertEquals(e.bestEpoch(), back.bestEpoch());
        assertEquals(e.epochsRun(), back.epochsRun());
    }

    @Test
    void foreignTruncatedAndDamagedFilesAreRefusedWithOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("emulator.ckpt");
        small().save(file, WHAT);
        IOException e = assertThrows(IOException.class, () -> SpectrumEmulator.load(file, "another model"));
        assertTrue(e.getMessage().contains("was written by"), e.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
        e = assertThrows(IOException.class, () -> SpectrumEmulator.load(truncated, WHAT));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        bytes[bytes.length / 2] ^= 4;
        Path flipped = dir.resolve("flipped.ckpt");
        Files.write(flipped, bytes);
        e = assertThrows(IOException.class, () -> SpectrumEmulator.load(flipped, WHAT));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        e = assertThrows(IOException.class, () -> SpectrumEmulator.load(dir.resolve("none.ckpt"), WHAT));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        for (IOException x : new IOException[] {e}) {
            assertEquals(1, x.getMessage().lines().count());
        }
    }
}
