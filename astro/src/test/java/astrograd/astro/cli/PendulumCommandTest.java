package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendulumCommandTest {
    @Test
    void tinyStudyWritesMetricsAndFigures(@TempDir Path dir) throws IOException {
        Object[] r = SampleCommandTest.run("pendulum", "--out", dir.toString(), "--train", "300", "--test", "200",
                "--epochs", "2", "--hidden", "8", "--members", "2", "--passes", "2");
        assertEquals(0, r[0], (String) r[2]);
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size());
        for (String png : List.of("reliability.png", "pit.png", "aleatoric_vs_analytic.png", "epistemic_vs_length.png")) {
            assertTrue(Files.size(dir.resolve(png)) > 1000, png);
        }
    }

    @Test
    void badOptionsGiveOneLine(@TempDir Path dir) {
        Object[] r = SampleCommandTest.run("pendulum", "--out", dir.toString(), "--max-noise", "2");
        assertEquals(2, r[0]);
        assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
    }
}
