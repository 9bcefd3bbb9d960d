package astrograd.kernels.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The committed kernels: {@code astrograd/kernels/astrograd.fatbin} (SASS for sm_80 and sm_90, PTX for
 * compute_80) and its manifest, both written by {@code kernels/build-fatbin --update}. Read from the class
 * path on first use.
 */
public final class Fatbin {
    /** Class-path location of the fatbin. */
    public static final String RESOURCE = "/astrograd/kernels/astrograd.fatbin";
    /** Class-path location of its manifest. */
    public static final String MANIFEST = RESOURCE + ".manifest";

    private static volatile Set<String> kernels;

    private Fatbin() {
    }

    /** The fatbin's bytes (a new array). */
    public static byte[] bytes() {
        return read(RESOURCE);
    }

    /** The manifest's text. */
    public static String manifest() {
        return new String(read(MANIFEST), StandardCharsets.UTF_8);
    }

    /** Names of the kernels the fatbin holds (from the manifest's {@code kernel} lines). */
    public static Set<String> kernels() {
        Set<String> k = kernels;
        if (k == null) {
            k = kernelsOf(manifest());
            kernels = k;
        }
        return k;
    }

    /** The kernel names listed in a manifest's text. */
    static Set<String> kernelsOf(String manifestText) {
        Set<String> names = new TreeSet<>();
        for (String line : manifestText.split("\n")) {
            if (line.startsWith("kernel ")) {
                names.add(line.substring("kernel ".length()).trim());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** The value of a one-word manifest field such as {@code nvcc}, or null. */
    public static String manifestField(String field) {
        for (String line : manifest().split("\n")) {
            if (line.startsWith(field + " ")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Fatbin.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (the astrograd-kernels jar is incomplete)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
