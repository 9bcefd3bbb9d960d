package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code astrograd sbi train} then {@code sbi sample} on a small budget, and one-line errors on bad input. */
class SbiCommandTest {
    @Test
    void trainSaveLoadAndSample(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("lg");
        Object[] r = SampleCommandTest.run("sbi", "train", "--task", "linear_gaussian", "--simulations", "300",
                "--estimator", "mdn", "--components", "2", "--max-epochs", "5", "--out", model.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("round 0: 300 simulations"), (String) r[1]);
        assertTrue(Files.isRegularFile(model.resolve("posterior.safetensors")));
        assertTrue(Files.readString(model.resolve("config.json")).contains("linear_gaussian"));
        Path samples = dir.resolve("draws.csv");
        r = SampleCommandTest.run("sbi", "sample", "--model", model.toString(), "--observation",
                model.resolve("observation_1.txt").toString(), "--samples", "500", "--out", samples.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("theta1: mean"), (String) r[1]);
        List<String> lines = Files.readAllLines(samples);
        assertEquals(501, lines.size());
        assertEquals("theta0,theta1", lines.get(0));
    }

    @Test
    void badInputsGiveOneLineErrors(@TempDir Path dir) throws IOException {
        Object[] r = SampleCommandTest.run("sbi", "train", "--task", "nope", "--simulations", "100", "--out",
                dir.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("unknown task 'nope'"), (String) r[2]);
        r = SampleCommandTest.run("sbi", "sample", "--model", dir.resolve("missing").toString(), "--observation",
                dir.resolve("x.txt").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("has no posterior.safetensors"), (String) r[2]);
        r = SampleCommandTest.run("sbi", "train", "--task", "two_moons", "--simulations", "100", "--method",
                "snpe-z", "--out", dir.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("--method must be"), (String) r[2]);
        assertTrue(((String) SampleCommandTest.run("sbi", "--help")[1]).contains("benchmark"));
    }

    @Test
    void observationFileMustHoldTheRightNumbers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.txt");
        Files.writeString(f, "1.0, abc");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SbiCommand.readObservation(f, 2));
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
        Files.writeString(f, "1 2 3");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SbiCommand.readObservation(f, 2));
        assertTrue(e.getMessage().contains("has 3 numbers; the model expects 2"), e.getMessage());
    }
}
