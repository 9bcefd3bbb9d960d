package astrograd.astro.lightcurve;

import astrograd.layers.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real TESS data shipped inside the astro jar (see {@code astrograd/astro/data/tess/README.md}): five stella
 * Sector 2 light curves ({@code .npy}, MIT) and the Günther et al. (2020) catalogue rows of their flares.
 *
 * <p>Run from a class folder, the resources are files already and their paths are returned as they are. Run
 * from a jar, each is copied once to {@code <cache>/astrograd/astro/data/tess/} where {@code <cache>} is
 * {@code -Dastrograd.cache}, by default {@code <java.io.tmpdir>/astrograd-<user.name>}; a copy is reused only when
 * its bytes equal the resource's.
 */
public final class BundledData {
    /** The TIC numbers of the bundled light curves, in the order of {@link #stellaLightCurves()}. */
    public static final List<Long> STELLA_TICS = List.of(2760232L, 2761472L, 5640393L, 5656273L, 5676537L);

    private static final String FOLDER = "astrograd/astro/data/tess/";
    private static final String CATALOGUE = "guenther2020_flares_sector02_5stars.csv";
    private static List<Path> lightCurves;
    private static Path catalogue;

    private BundledData() {
    }

    /**
     * The five stella light curves ({@code 002760232_sector02.npy} …), shape (3, 18300), times in BTJD; read
     * them with {@link LightCurveReader#read(Path)}.
     */
    public static synchronized List<Path> stellaLightCurves() throws IOException {
        if (lightCurves == null) {
            List<Path> paths = new ArrayList<>();
            for (long tic : STELLA_TICS) {
                paths.add(resource(String.format("%09d_sector02.npy", tic)));
            }
            lightCurves = List.copyOf(paths);
        }
        return lightCurves;
    }

    /**
     * The Günther et al. (2020) flares of the five stars (102 rows; header {@code TIC, Outbst, Flare, tpeak, …};
     * {@code tpeak} in full BJD); read it with {@link astrograd.astro.io.Csv}.
     */
    public static synchronized Path stellaCatalogue() throws IOException {
        if (catalogue == null) {
            catalogue = resource(CATALOGUE);
        }
        return catalogue;
    }

    /**
     * Any resource of the astro jar as a file (e.g. a file of the pretrained flare model), copied to the cache
     * folder when running from a jar.
     */
    public static Path file(String resourcePath) throws IOException {
        String cache = System.getProperty("astrograd.cache");
        Path cacheDir = cache != null ? Path.of(cache)
                : Path.of(System.getProperty("java.io.tmpdir"), "astrograd-" + System.getProperty("user.name"));
        return materialize(BundledData.class.getClassLoader(), resourcePath, cacheDir);
    }

    private static Path resource(String name) throws IOException {
        return file(FOLDER + name);
    }

    /**
     * The resource as a file: its own path when it is a file on the class path, else a copy under
     * {@code cacheDir} (written atomically, reused when byte-identical).
     */
    static Path materialize(ClassLoader loader, String resource, Path cacheDir) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IOException("bundled data: resource " + resource + " is missing from the class path "
                    + "(is the astro jar complete?)");
        }
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // fall through: copy it like a jar entry
            }
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        Path target = cacheDir.resolve(resource);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return target;
        }
        AtomicFile.write(target, bytes);
        return target;
    }
}
