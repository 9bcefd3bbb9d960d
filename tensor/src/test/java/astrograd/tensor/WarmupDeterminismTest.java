package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.cpu.EnginePool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Results do not depend on the JIT's state: every kernel of {@link KernelProbe} gives the same bits on its first
 * call in a fresh JVM, after the workload has run {@value #WARMUP} more times there (C2-compiled), in a JVM that only
 * interprets ({@code -Xint}: the Vector API's Java fallback, {@code Math}'s interpreter entries), and in this test JVM.
 * The lanewise vector EXP that softmax used gave other bits once C2 had compiled it (Intel's SVML instead of the
 * fallback's {@code Math.exp}).
 */
class WarmupDeterminismTest {
    private static final int WARMUP = 1500;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void firstCallsWarmedUpCallsAndTheInterpreterGiveTheSameBits() throws Exception {
        Map<String, String> cold = new LinkedHashMap<>();
        Map<String, String> warm = new LinkedHashMap<>();
        for (String line : fork(List.of(), "--warm", Integer.toString(WARMUP))) {
            String[] t = line.split(" ");
            (t[0].equals("cold") ? cold : warm).put(t[1], t[2]);
        }
        Map<String, String> interpreted = parse(fork(List.of("-Xint")));
        Map<String, String> here = new LinkedHashMap<>();
        KernelProbe.run().forEach((name, hash) -> here.put(name, Long.toHexString(hash)));
        assertTrue(cold.size() > 100, "the probe reported " + cold.size() + " results");
        assertSame("first call vs after " + WARMUP + " more runs (one JVM)", cold, warm);
        assertSame("warmed up vs interpreted (-Xint)", warm, interpreted);
        assertSame("warmed up vs this test JVM", warm, here);
    }

    private static void assertSame(String what, Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": results");
        List<String> differ = new ArrayList<>();
        expected.forEach((name, hash) -> {
            if (!hash.equals(actual.get(name))) {
                differ.add(name);
            }
        });
        assertTrue(differ.isEmpty(), what + ": different bits from " + differ);
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            String[] t = line.split(" ");
            m.put(t[0], t[1]);
        }
        return m;
    }

    /** Runs {@link KernelProbe#main} in a new JVM with the same engine thread count; its output lines. */
    private static List<String> fork(List<String> jvmOptions, String... args)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.add("-Dastrograd.threads=" + EnginePool.threads());
        cmd.add("-cp");
        cmd.add(location(Tensor.class) + java.io.File.pathSeparator + location(KernelProbe.class));
        cmd.add(KernelProbe.class.getName());
        cmd.addAll(List.of(args));
        Path stderr = Files.createTempFile("kernel-probe", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        Files.delete(stderr);
        assertTrue(done && p.exitValue() == 0, String.join(" ", cmd) + " failed:\n" + errors);
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
