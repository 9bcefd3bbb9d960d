package astrograd.kernels.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed fatbin is current, checked without nvcc: every .cu/.cuh source hashes to what the manifest
 * recorded when {@code kernels/build-fatbin --update} built the fatbin, and the fatbin is the one it built.
 * (Where nvcc exists the build also recompiles the PTX and runs ptxas; see build-fatbin's header.)
 */
class FatbinManifestTest {
    private static final Path SOURCES = Path.of("src", "main", "cuda");
    private static final String STALE = ": run kernels/build-fatbin --update (needs nvcc 13) and commit the fatbin";

    @Test
    void sourcesMatchTheManifest() throws IOException {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : Fatbin.manifest().split("\n")) {
            if (line.startsWith("source ")) {
                String[] f = line.split(" ");
                recorded.put(f[1], f[2]);
            }
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".cu") || name.endsWith(".cuh")) {
                    actual.put(name, sha256(Files.readAllBytes(p)));
                }
            }
        }
        assertEquals(recorded.keySet(), actual.keySet(), "the .cu/.cuh files differ from those the fatbin was built from" + STALE);
        for (Map.Entry<String, String> e : actual.entrySet()) {
            assertEquals(recorded.get(e.getKey()), e.getValue(), e.getKey() + " changed since the fatbin was built" + STALE);
        }
    }

    @Test
    void fatbinIsTheOneTheManifestDescribes() {
        assertEquals(Fatbin.manifestField("fatbin"), sha256(Fatbin.bytes()),
                "astrograd.fatbin is not the file its manifest was written with" + STALE);
    }

    @Test
    void manifestListsTheKernels() {
        assertTrue(Fatbin.kernels().contains("gemm_f32") && Fatbin.kernels().contains("reduce_sum_f64"),
                "manifest kernels: " + Fatbin.kernels());
        assertTrue(Fatbin.kernels().stream().allMatch(k -> k.matches("[a-z0-9]+(_[a-z0-9]+)*")),
                "kernel names are <op>_<dtype>: " + Fatbin.kernels());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
