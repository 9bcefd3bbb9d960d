package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic files: sorting, masks, fallbacks, errors. The real files are in {@link RealLightCurveFilesTest}. */
class LightCurveReaderTest {
    private static final String[] SPOC = {"TIME", "PDCSAP_FLUX", "PDCSAP_FLUX_ERR", "QUALITY"};

    @TempDir
    Path dir;

    /** 200 cadences at 0.01 d stored last first; cadence 5 repeats cadence 4's time, 7 is NaN, 9 has flag 32, 11 flag 512. */
    private Path spocLike(String name, String telescope) throws IOException {
        int n = 200;
        double[] t = new double[n];
        float[] f = new float[n];
        float[] e = new float[n];
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            t[n - 1 - i] = 100 + 0.01 * i; // stored in decreasing time order
            f[n - 1 - i] = 1000 + i;
            e[n - 1 - i] = 1;
        }
        t[n - 1 - 5] = t[n - 1 - 4];
        f[n - 1 - 7] = Float.NaN;
        q[n - 1 - 9] = 32;
        q[n - 1 - 11] = 512;
        return TestFits.table(dir.resolve(name), telescope, SPOC, t, f, e, q);
    }

    @Test
    void sortsFiltersAndDropsRepeatedTimes() throws IOException {
        LightCurveReader.Result r = LightCurveReader.readWithInfo(spocLike("a.fits", "TESS"), ReadOptions.defaults());
        LightCurve lc = r.lightCurve();
        // 200 − repeated time − NaN − desaturation (32 is in the default mask; 512 is not)
        assertEquals(197, lc.size());
        assertEquals(200, r.rows());
        assertEquals(Mission.TESS, r.mission());
        assertEquals(175, r.qualityBits());
        assertEquals("a", lc.name());
        for (int i = 1; i < lc.size(); i++) {
            assertTrue(lc.time()[i] > lc.time()[i - 1]);
        }
        assertEquals(100.0, lc.time()[0], 1e-12);
        assertEquals(1005.0, lc.flux()[4], 0.0); // of the two cadences at 100.04, the first in the file stays
        assertEquals(1006.0, lc.flux()[5], 0.0);
        int hard = LightCurveReader.read(dir.resolve("a.fits"),
                ReadOptions.defaults().withQualityMask(QualityMask.of(512 | 32))).size();
        assertEquals(196, hard);
        assertEquals(198, LightCurveReader.read(dir.resolve("a.fits"),
                ReadOptions.defaults().withQualityMask(QualityMask.NONE)).size());
    }

    @Test
    void readsGzippedFits() throws IOException {
        Path plain = spocLike("b.fits", "TESS");
        Path gz = dir.resolve("b.fits.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        LightCurve a = LightCurveReader.read(plain);
        LightCurve b = LightCurveReader.read(gz);
        assertEquals("b", b.name());
        assertArrayEquals(a.time(), b.time(), 0.0);
        assertArrayEquals(a.flux(), b.flux(), 0.0);
    }

    @Test
    void recognizesKeplerByItsQualityColumn() throws IOException {
        int n = 150;
        double[] t = new double[n];
        double[] f = new double[n];
        double[] e = new double[n];
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 0.02;
            f[i] = 5;
            e[i] = 0.1;
        }
        q[3] = 128;   // Kepler: cosmic ray, not in the default mask
        q[4] = 16384; // Kepler: detector anomaly, in the default mask (for TESS it would be bad calibration)
        Path file = TestFits.table(dir.resolve("k.fits"), null,
                new String[] {"TIME", "SAP_FLUX", "SAP_FLUX_ERR", "SAP_QUALITY"}, t, f, e, q);
        LightCurveReader.Result r = LightCurveReader.readWithInfo(file, ReadOptions.defaults());
        assertEquals(Mission.KEPLER, r.mission());
        assertEquals("SAP_FLUX", r.fluxColumn()); // PDCSAP columns absent: falls back to SAP
        assertEquals(149, r.lightCurve().size());
        assertEquals(148, LightCurveReader.read(file, ReadOptions.defaults().withQualityMask(QualityMask.HARD)).size());
    }

    @Test
    void namesTheMissingColumnAndListsThePresentOnes() throws IOException {
        double[] t = new double[120];
        Arrays.setAll(t, i -> 0.01 * i);
        Path file = TestFits.table(dir.resolve("m.fits"), "TESS", new String[] {"TIME", "SAP_FLUX", "QUALITY"}, t,
                new double[120], new int[120]);
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()) && m.contains("no column 'SAP_FLUX_ERR'")
                && m.contains("[TIME, SAP_FLUX, QUALITY]"), m);
        Path noQuality = TestFits.table(dir.resolve("nq.fits"), "TESS",
                new String[] {"TIME", "SAP_FLUX", "SAP_FLUX_ERR"}, t, new double[120], new double[120]);
        assertTrue(assertThrows(IOException.class, () -> LightCurveReader.read(noQuality)).getMessage()
                .contains("no quality column"));
        assertEquals(120, LightCurveReader.read(noQuality, ReadOptions.defaults()
                .withQualityMask(QualityMask.NONE)).size());
    }

    @Test
    void refusesTooFewCadences() throws IOException {
        Path file = spocLike("few.fits", "TESS");
        IOException e = assertThrows(IOException.class,
                () -> LightCurveReader.read(file, ReadOptions.defaults().withMinCadences(198)));
        assertTrue(e.getMessage().contains("only 197 valid cadences of 200 after quality filtering (mask 0xAF)"),
                e.getMessage());
    }

    @Test
    void refusesFitsWithoutABinaryTable() throws IOException {
        Path image = dir.resolve("image.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(new NullDataHDU());
            fits.addHDU(Fits.makeHDU(new float[][] {{1, 2}, {3, 4}}));
            fits.write(image.toFile());
        }
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(image));
        assertTrue(e.getMessage().contains("HDU 1 is not a binary table (XTENSION = IMAGE)"), e.getMessage());
        Path primaryOnly = dir.resolve("primary.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(new float[][] {{1, 2}, {3, 4}}));
            fits.write(primaryOnly.toFile());
        }
        e = assertThrows(IOException.class, () -> LightCurveReader.read(primaryOnly));
        assertTrue(e.getMessage().contains("no HDU 1"), e.getMessage());
    }

    @Test
    void refusesTruncatedFits() throws IOException {
        Path full = spocLike("full.fits", "TESS");
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.fits");
        Files.write(cut, Arrays.copyOf(bytes, 2880 * 2 + 1000)); // primary + table header + part of the data
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesUnknownFormatsAndWrongShapes() throws IOException {
        Path text = Files.writeString(dir.resolve("lc.csv"), "time,flux\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(text));
        assertTrue(e.getMessage().contains("neither a .npy nor a FITS file"), e.getMessage());
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, new double[8], 2, 4);
        e = assertThrows(IOException.class, () -> LightCurveReader.read(wrong));
        assertTrue(e.getMessage().contains("shape (3, N)") && e.getMessage().contains("[2, 4]"), e.getMessage());
        assertTrue(assertThrows(IOException.class, () -> LightCurveReader.read(dir.resolve("absent.fits")))
                .getMessage().contains("no such file"));
    }

    @Test
    void dropsNonFiniteNpyRows() throws IOException {
        int n = 150;
        double[] rows = new double[3 * n];
        for (int i = 0; i < n; i++) {
            rows[i] = 10 + i * 0.1;
            rows[n + i] = 1 + i;
            rows[2 * n + i] = 0.01;
        }
        rows[3] = Double.NaN;               // time
        rows[n + 4] = Double.POSITIVE_INFINITY; // flux
        rows[2 * n + 5] = Double.NaN;       // error
        Path file = dir.resolve("star_sector09.npy");
        Npy.write(file, rows, 3, n);
        LightCurveReader.Result r = LightCurveReader.readWithInfo(file, ReadOptions.defaults());
        assertEquals(147, r.lightCurve().size());
        assertEquals("star_sector09", r.lightCurve().name());
        assertEquals("unknown", r.timeSystem());
        IOException e = assertThrows(IOException.class,
                () -> LightCurveReader.read(file, ReadOptions.defaults().withMinCadences(148)));
        assertTrue(e.getMessage().contains("only 147 valid cadences of 150 after dropping non-finite rows"),
                e.getMessage());
    }

    @Test
    void parsesQualityMasks() {
        assertEquals(QualityMask.HARD, QualityMask.parse("Hard"));
        assertEquals(0xAF, QualityMask.parse("0xaf").tessBits());
        assertEquals(175, QualityMask.parse("175").keplerBits());
        assertEquals(1130799, QualityMask.DEFAULT.bitsFor(Mission.KEPLER));
        assertEquals(175, QualityMask.DEFAULT.bitsFor(Mission.TESS));
        assertThrows(IllegalArgumentException.class, () -> QualityMask.parse("softest"));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withMinCadences(0));
    }
}
