package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalCommandTest {
    @Test
    void helpNamesTheOptions() {
        Object[] r = SampleCommandTest.run("retrieval", "--help");
        assertEquals(0, r[0]);
        for (String word : List.of("Usage:", "--target", "--simulations", "--chains", "--steps", "Bhattacharyya")) {
            assertTrue(((String) r[1]).contains(word), word + " missing from the help");
        }
    }

    @Test
    void badOptionsGiveOneLine(@TempDir Path dir) {
        for (String[] bad : new String[][] {{"--chains", "2"}, {"--target", "mars"}, {"--truth", "1,2"},
            {"--truth", "9000,-3,-3,-3,-3"}, {"--simulations", "5"}}) {
            String[] args = new String[bad.length + 3];
            args[0] = "retrieval";
            System.arraycopy(bad, 0, args, 1, bad.length);
            args[bad.length + 1] = "--out";
            args[bad.length + 2] = dir.toString();
            Object[] r = SampleCommandTest.run(args);
            assertEquals(2, r[0], String.join(" ", bad));
            assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
        }
    }

    @Test
    void tinyRunWritesMetricsDrawsAndComparison(@TempDir Path dir) throws IOException {
        Object[] r = SampleCommandTest.run("retrieval", "--simulations", "200", "--epochs", "3", "--hidden", "16",
                "--chains", "4", "--steps", "12", "--out", dir.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("speed-up per chain"), (String) r[1]);
        for (String f : List.of("emulator_metrics.csv", "comparison.csv", "draws_synthetic_emulator.csv",
                "draws_synthetic_true.csv")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(6, Files.readAllLines(dir.resolve("comparison.csv")).size());
    }

    /** The first run trains and saves the emulator; the second reuses it and gets the same comparison. */
    @Test
    void aSavedEmulatorIsReusedAndOtherSettingsAreRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("emulator.ckpt");
        String[] common = {"retrieval", "--simulations", "200", "--epochs", "3", "--hidden", "16", "--chains", "4",
            "--steps", "12", "--emulator", file.toString()};
        Object[] first = SampleCommandTest.run(concat(common, "--out", dir.resolve("a").toString()));
        assertEquals(0, first[0], (String) first[2]);
        assertTrue(((String) first[1]).contains("emulator saved to"), (String) first[1]);
        Object[] second = SampleCommandTest.run(concat(common, "--out", dir.resolve("b").toString()));
        assertEquals(0, second[0], (String) second[2]);
        assertTrue(((String) second[1]).contains("emulator loaded from"), (String) second[1]);
        assertTrue(!((String) second[1]).contains("simulations in"), "the second run simulated again");
        assertEquals(Files.readString(dir.resolve("a/comparison.csv")).lines().map(l -> l.split(",")[2]).toList(),
                Files.readString(dir.resolve("b/comparison.csv")).lines().map(l -> l.split(",")[2]).toList());
        Object[] other = SampleCommandTest.run(concat(common, "--hidden", "32", "--out", dir.resolve("c").toString()));
        assertEquals(1, other[0]);
        assertTrue(((String) other[2]).contains("was written by"), (String) other[2]);
        assertEquals(1, ((String) other[2]).strip().lines().count(), (String) other[2]);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void sampleRunsTheBuiltinRetrievalWithDemcAndRefusesNuts(@TempDir Path dir) throws IOException {
        Object[] r = SampleCommandTest.run("sample", "--model", "retrieval", "--sampler", "nuts", "--out",
                dir.toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("has no gradient"), (String) r[2]);
        r = SampleCommandTest.run("sample", "--model", "retrieval", "--sampler", "demc", "--chains", "6", "--steps",
                "40", "--quiet", "--no-plots", "--out", dir.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(Files.readString(dir.resolve("summary.csv")).contains("log_X_H2O"));
    }
}
