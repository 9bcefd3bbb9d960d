package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.cpu.EnginePool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Same seed, same draws: in parallel or not, for any thread count, and whatever other chains run beside. */
class DeterminismTest {
    @Test
    void parallelSequentialAndOneThreadGiveTheSameDraws() throws IOException, InterruptedException {
        HmcResult parallel = DeterminismMain.run(true, 3);
        HmcResult sequential = DeterminismMain.run(false, 3);
        long digest = DeterminismMain.digest(parallel);
        assertEquals(digest, DeterminismMain.digest(sequential));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(parallel.chain(c).draws().values(), sequential.chain(c).draws().values());
        }
        assertTrue(EnginePool.threads() > 1, "this JVM should run several engine threads");
        String out = runWithOneThread();
        assertTrue(out.contains("threads 1"), out);
        assertTrue(out.contains("digest " + digest), "one thread gave another digest than " + digest + ":\n" + out);
    }

    @Test
    void addingAChainLeavesTheOthersUnchanged() {
        HmcResult two = DeterminismMain.run(true, 2);
        HmcResult three = DeterminismMain.run(true, 3);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(two.chain(c).draws().values(), three.chain(c).draws().values());
            assertArrayEquals(two.chain(c).stats().energy(), three.chain(c).stats().energy());
        }
        assertTrue(three.chain(2).draws().get(0, 0, 2) != two.chain(1).draws().get(0, 0, 2),
                "chains have their own streams");
    }

    /** Runs {@link DeterminismMain} in a new JVM with {@code -Dastrograd.threads=1}; returns its output. */
    private static String runWithOneThread() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Dastrograd.threads=1",
                "-cp", System.getProperty("java.class.path"), DeterminismMain.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the one-thread run did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
