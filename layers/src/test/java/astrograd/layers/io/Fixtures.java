package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed fixtures under {@code src/test/resources/fixtures/checkpoints/}: PyTorch-written files
 * from {@code layers/src/test/python/checkpoint_fixtures.py}, and Java-written files that the script
 * checks in torch. A Java-written file is compared byte for byte with a fresh write on every run, so the
 * script's verdict stays true for the current writer; run the tests with
 * {@code -Dastrograd.regenerateFixtures=true} to rewrite them (then rerun the script).
 */
final class Fixtures {
    static final String DIR = "fixtures/checkpoints/";
    private static final Path SOURCE_DIR = Path.of("src/test/resources", DIR);

    /** Writes a fixture to the given path. */
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    private Fixtures() {
    }

    /** A committed fixture on the test class path; fails (never skips) when it is missing. */
    static Path path(String name) {
        URL url = Fixtures.class.getResource("/" + DIR + name);
        assertNotNull(url, "missing fixture " + DIR + name + ": run /usr/bin/python3 layers/src/test/python/checkpoint_fixtures.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that {@code writer} reproduces the committed Java-written fixture, or regenerates it; returns
     * the committed file.
     */
    static Path checkJavaWritten(String name, Path tmpDir, Writer writer) throws IOException {
        if (Boolean.getBoolean("astrograd.regenerateFixtures")) {
            Files.createDirectories(SOURCE_DIR);
            writer.write(SOURCE_DIR.resolve(name));
            return SOURCE_DIR.resolve(name);
        }
        Path fresh = tmpDir.resolve(name);
        writer.write(fresh);
        Path committed = path(name);
        assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(fresh),
                name + " differs from a fresh write: rerun with -Dastrograd.regenerateFixtures=true, then"
                        + " /usr/bin/python3 layers/src/test/python/checkpoint_fixtures.py to check it in torch");
        return committed;
    }
}
