package astrograd.kernels.shim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The host shim executable: {@code kernels/src/main/cuda/astrograd.cu} compiled by g++ with
 * {@code kernels/src/test/shim} (see cuda_shim.h), under AddressSanitizer and UndefinedBehaviorSanitizer. Built
 * once per content of those sources and the compiler, and kept in {@code ~/.cache/astrograd-shim/<hash>} (it
 * takes half a minute on a busy machine; the cache survives {@code mvn clean} and is shared by worktrees).
 */
public final class ShimBinary {
    static final Path CUDA = Path.of("src", "main", "cuda");
    static final Path SHIM = Path.of("src", "test", "shim");
    static final List<String> FLAGS = List.of("-std=c++17", "-O0", "-g", "-fno-omit-frame-pointer",
            "-fsanitize=address,undefined", "-fno-sanitize-recover=all");

    private static Path built;
    private static String unavailable;

    private ShimBinary() {
    }

    /** Why the shim cannot be built here (no g++), or null when it can. */
    public static synchronized String unavailableReason() {
        if (built == null && unavailable == null) {
            try {
                built = build();
            } catch (IOException | InterruptedException e) {
                unavailable = e.getMessage();
            }
        }
        return unavailable;
    }

    /** The executable (after {@link #unavailableReason()} returned null). */
    public static synchronized Path path() {
        if (unavailableReason() != null) {
            throw new IllegalStateException("the host shim is unavailable: " + unavailable);
        }
        return built;
    }

    private static Path build() throws IOException, InterruptedException {
        String version = run(List.of("g++", "--version"), "g++ was not found, so the kernel-semantics check cannot run");
        String key = hash(version);
        Path dir = cacheDir().resolve(key);
        Path exe = dir.resolve("shim");
        if (Files.isExecutable(exe)) {
            return exe;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "shim", ".tmp");
        List<String> cmd = new ArrayList<>(List.of("g++"));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-include", SHIM.resolve("cuda_shim.h").toString(), "-I", SHIM.toString(), "-x", "c++",
                CUDA.resolve("astrograd.cu").toString(), SHIM.resolve("shim_main.cpp").toString(), "-o", tmp.toString()));
        String out = runOrFail(cmd);
        Files.move(tmp, exe, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (!out.isBlank()) {
            System.err.println("shim build output:\n" + out);
        }
        return exe;
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("astrograd-shim");
    }

    /** A hash of the compiler version, the flags and every source file. */
    private static String hash(String compiler) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(compiler.getBytes(StandardCharsets.UTF_8));
            md.update(String.join(" ", FLAGS).getBytes(StandardCharsets.UTF_8));
            for (Path dir : List.of(CUDA, SHIM)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                        md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                        md.update(Files.readAllBytes(p));
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command; a missing program becomes an IOException with {@code ifMissing}. */
    private static String run(List<String> cmd, String ifMissing) throws IOException, InterruptedException {
        try {
            return runOrFail(cmd);
        } catch (IOException e) {
            throw new IOException(ifMissing, e);
        }
    }

    private static String runOrFail(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
