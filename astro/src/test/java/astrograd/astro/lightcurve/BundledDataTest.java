package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.io.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledDataTest {
    @TempDir
    Path dir;

    @Test
    void stellaLightCurvesAreReadable() throws IOException {
        List<Path> files = BundledData.stellaLightCurves();
        assertEquals(5, files.size());
        assertEquals("002760232_sector02.npy", files.get(0).getFileName().toString());
        for (Path file : files) {
            LightCurve lc = LightCurveReader.read(file);
            assertEquals(18300, lc.size());
            assertEquals(1354.11, lc.time()[0], 0.01);
            assertEquals(1381.52, lc.time()[lc.size() - 1], 0.01);
        }
        assertEquals(files, BundledData.stellaLightCurves());
    }

    @Test
    void catalogueHoldsTheFlaresOfTheFiveStars() throws IOException {
        Map<Long, Integer> perStar = new TreeMap<>();
        Csv.forEach(BundledData.stellaCatalogue(), List.of("TIC", "tpeak", "Amp"), row -> {
            perStar.merge((long) row.number("TIC"), 1, Integer::sum);
            double btjd = row.number("tpeak") - 2457000;
            assertTrue(btjd > 1354.1 && btjd < 1381.6, "tpeak " + btjd + " outside Sector 2");
        });
        assertEquals(Map.of(2760232L, 18, 2761472L, 22, 5640393L, 22, 5656273L, 27, 5676537L, 13), perStar);
    }

    @Test
    void extractsFromAJarOnceAndReusesIdenticalCopies() throws IOException {
        byte[] content = "TIC,tpeak\n1,2\n".getBytes();
        Path jar = dir.resolve("data.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("astrograd/astro/data/tess/x.csv"));
            out.write(content);
            out.closeEntry();
        }
        Path cache = dir.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path p = BundledData.materialize(loader, "astrograd/astro/data/tess/x.csv", cache);
            assertEquals(cache.resolve("astrograd/astro/data/tess/x.csv"), p);
            assertArrayEquals(content, Files.readAllBytes(p));
            long modified = Files.getLastModifiedTime(p).toMillis();
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(modified - 100_000));
            BundledData.materialize(loader, "astrograd/astro/data/tess/x.csv", cache);
            assertEquals(modified - 100_000, Files.getLastModifiedTime(p).toMillis()); // reused, not rewritten
            try (OutputStream o = Files.newOutputStream(p)) {
                o.write("tampered".getBytes());
            }
            BundledData.materialize(loader, "astrograd/astro/data/tess/x.csv", cache);
            assertArrayEquals(content, Files.readAllBytes(p)); // a different copy is replaced
            assertNotEquals(modified - 100_000, Files.getLastModifiedTime(p).toMillis());
            IOException e = assertThrows(IOException.class,
                    () -> BundledData.materialize(loader, "astrograd/astro/data/tess/absent.csv", cache));
            assertTrue(e.getMessage().contains("absent.csv"), e.getMessage());
        }
    }
}
