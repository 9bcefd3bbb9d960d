package astrograd.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No JCuda class loads until a CUDA backend is asked for, and then either it opens or one typed exception
 * says why. Checked in a fresh JVM with {@code -verbose:class} (the test JVM has loaded JCuda elsewhere).
 */
class LazyLoadingTest {

    @Test
    void jcudaLoadsOnlyWhenACudaDeviceIsOpened() throws IOException, InterruptedException {
        List<String> lines = runProbe();
        int mark = indexOf(lines, "MARK ");
        assertTrue(mark >= 0, "the probe ran: " + lines);
        assertTrue(lines.get(mark).contains("cuda providers 1"), "the provider is found by ServiceLoader: " + lines.get(mark));
        for (int i = 0; i < mark; i++) {
            assertTrue(!lines.get(i).contains(" jcuda."), "a JCuda class loaded before a CUDA device was asked for: " + lines.get(i));
        }
        boolean jcudaAfter = lines.subList(mark, lines.size()).stream().anyMatch(l -> l.contains(" jcuda.driver.JCudaDriver "));
        assertTrue(jcudaAfter, "asking for cuda:0 loads JCuda");
        String outcome = lines.get(indexOf(lines, "OPENED", "REFUSED"));
        if (outcome.startsWith("REFUSED")) {
            assertTrue(outcome.startsWith("REFUSED CudaUnavailableException: "), outcome);
            assertEquals(-1, outcome.indexOf("\tat "), "one sentence, no stack trace");
        }
    }

    private static List<String> runProbe() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-verbose:class", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), LazyProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe finished");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    private static int indexOf(List<String> lines, String... prefixes) {
        for (int i = 0; i < lines.size(); i++) {
            for (String p : prefixes) {
                if (lines.get(i).startsWith(p)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
