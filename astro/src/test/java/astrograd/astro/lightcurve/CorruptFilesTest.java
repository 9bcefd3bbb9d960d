package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad, truncated and corrupt inputs of every light-curve format (.npy, .npy.gz, FITS, .fits.gz) give one
 * {@link IOException} whose message starts with the file and is one line.
 */
class CorruptFilesTest {
    @TempDir
    Path dir;

    private static void assertNamed(Path file, IOException e, String... words) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "names the file first: " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "mentions '" + w + "': " + m);
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private byte[] npyLightCurve() throws IOException {
        int n = 150;
        double[] rows = new double[3 * n];
        for (int i = 0; i < n; i++) {
            rows[i] = 10 + 0.01 * i;
            rows[n + i] = 1 + Math.sin(i);
            rows[2 * n + i] = 0.01;
        }
        Path file = dir.resolve("source.npy");
        Npy.write(file, rows, 3, n);
        return Files.readAllBytes(file);
    }

    private byte[] fitsLightCurve() throws IOException {
        int n = 300;
        double[] t = new double[n];
        float[] f = new float[n];
        float[] e = new float[n];
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1400 + 0.01 * i;
            f[i] = 100 + i;
            e[i] = 1;
        }
        Path file = TestFits.table(dir.resolve("source.fits"), "TESS",
                new String[] {"TIME", "PDCSAP_FLUX", "PDCSAP_FLUX_ERR", "QUALITY"}, t, f, e, q);
        return Files.readAllBytes(file);
    }

    @Test
    void npyWithTrailingBytesIsRefused() throws IOException {
        byte[] good = npyLightCurve();
        Path extra = Files.write(dir.resolve("extra.npy"), Arrays.copyOf(good, good.length + 8));
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(extra));
        assertNamed(extra, e, "8 bytes", "after the data");
        assertNamed(extra, assertThrows(IOException.class, () -> Npy.read(extra)), "8 bytes");
    }

    @Test
    void truncatedAndCorruptGzippedNpyAreNamed() throws IOException {
        byte[] gz = gzip(npyLightCurve());
        Path cut = Files.write(dir.resolve("cut.npy.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertNamed(cut, assertThrows(IOException.class, () -> LightCurveReader.read(cut)), "gzip");
        byte[] corrupt = gz.clone();
        for (int i = 40; i < corrupt.length - 8; i += 7) {
            corrupt[i] ^= 0x5a; // a damaged deflate body after intact first bytes
        }
        Path bad = Files.write(dir.resolve("bad.npy.gz"), corrupt);
        assertNamed(bad, assertThrows(IOException.class, () -> LightCurveReader.read(bad)), "gzip");
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 1; // the CRC trailer: the body inflates but is not what was written
        Path badCrc = Files.write(dir.resolve("crc.npy.gz"), crc);
        assertNamed(badCrc, assertThrows(IOException.class, () -> LightCurveReader.read(badCrc)), "gzip");
    }

    @Test
    void truncatedAndCorruptFitsAreNamed() throws IOException {
        byte[] fits = fitsLightCurve();
        Path headerOnly = Files.write(dir.resolve("header.fits"), Arrays.copyOf(fits, 2880 + 400));
        assertNamed(headerOnly, assertThrows(IOException.class, () -> LightCurveReader.read(headerOnly)));
        byte[] gz = gzip(fits);
        Path cut = Files.write(dir.resolve("cut.fits.gz"), Arrays.copyOf(gz, gz.length * 2 / 3));
        assertNamed(cut, assertThrows(IOException.class, () -> LightCurveReader.read(cut)));
        byte[] corrupt = gz.clone();
        for (int i = 200; i < corrupt.length - 8; i += 5) {
            corrupt[i] ^= 0x5a;
        }
        Path bad = Files.write(dir.resolve("bad.fits.gz"), corrupt);
        assertNamed(bad, assertThrows(IOException.class, () -> LightCurveReader.read(bad)));
    }

    @Test
    void emptyAndTinyFilesAreNamed() throws IOException {
        Path empty = Files.write(dir.resolve("empty.npy"), new byte[0]);
        assertNamed(empty, assertThrows(IOException.class, () -> LightCurveReader.read(empty)), "neither");
        Path magicOnly = Files.write(dir.resolve("magic.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1});
        assertNamed(magicOnly, assertThrows(IOException.class, () -> LightCurveReader.read(magicOnly)));
        Path gzHeader = Files.write(dir.resolve("tiny.npy.gz"), Arrays.copyOf(gzip(npyLightCurve()), 12));
        assertNamed(gzHeader, assertThrows(IOException.class, () -> LightCurveReader.read(gzHeader)));
    }
}
