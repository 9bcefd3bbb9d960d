package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.NullDataHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns stored with {@code TSCALn}/{@code TZEROn}/{@code TNULLn} (numeric cards, as every FITS writer writes
 * them) are read as their physical values, {@code physical = TZERO + TSCAL · stored}, with the FITS offsets for
 * signed bytes and unsigned integers. The files are written by nom-tam-fits with the raw stored integers and
 * the cards (astropy 5.2 with NumPy 1.24, the Debian pair, fails to write or read scaled integer columns).
 */
class FitsScalingTest {
    private static final int N = 120;
    private static final String[] NAMES = {"TIME", "PDCSAP_FLUX", "PDCSAP_FLUX_ERR", "QUALITY"};

    @TempDir
    Path dir;

    /** Cards to add: key, value (Number or String) pairs. */
    private Path write(String name, Object time, Object flux, Object err, Object quality, Object... cards)
            throws IOException {
        Path file = dir.resolve(name);
        try (Fits fits = new Fits()) {
            fits.addHDU(new NullDataHDU());
            BinaryTableHDU hdu = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(
                    new Object[] {time, flux, err, quality}));
            for (int i = 0; i < NAMES.length; i++) {
                hdu.setColumnName(i, NAMES[i], null);
            }
            hdu.addValue("TELESCOP", "TESS", "");
            for (int i = 0; i < cards.length; i += 2) {
                String key = (String) cards[i];
                if (cards[i + 1] instanceof Double d) {
                    hdu.addValue(key, d, "");
                } else if (cards[i + 1] instanceof Long l) {
                    hdu.addValue(key, l, "");
                } else if (cards[i + 1] instanceof Integer v) {
                    hdu.addValue(key, v, "");
                } else {
                    hdu.addValue(key, (String) cards[i + 1], "");
                }
            }
            fits.addHDU(hdu);
            fits.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException(e);
        }
        return file;
    }

    private static int[] ints(int first, int step) {
        int[] v = new int[N];
        for (int i = 0; i < N; i++) {
            v[i] = first + step * i;
        }
        return v;
    }

    @Test
    void scaledIntegerColumnsOfEveryWidthAreReadAsPhysicalValues() throws IOException {
        long[] time = new long[N];   // K: time = 1354 + 1e-3 · stored
        int[] flux = ints(1000, 1);  // J: flux = 5 + 0.001 · stored → 6.000, 6.001, ...
        short[] err = new short[N];  // I unsigned: err = 32768 + stored
        byte[] quality = new byte[N]; // B: unsigned 0..255 (no scaling)
        for (int i = 0; i < N; i++) {
            time[i] = 2000L * i;
            err[i] = (short) (-32768 + i);
            quality[i] = (byte) (i == 3 ? 0x40 : 0); // bit 64: not in the default mask
        }
        Path file = write("scaled.fits", time, flux, err, quality, "TSCAL1", 1e-3, "TZERO1", 1354.0, "TSCAL2", 0.001,
                "TZERO2", 5.0, "TZERO3", 32768);
        LightCurve lc = LightCurveReader.read(file);
        assertEquals(N, lc.size());
        assertEquals(1354.0, lc.time()[0], 1e-12);
        assertEquals(1356.0, lc.time()[1], 1e-12);
        assertEquals(6.0, lc.flux()[0], 1e-12, "TSCAL 0.001, TZERO 5 on 1000");
        assertEquals(6.119, lc.flux()[N - 1], 1e-12);
        assertEquals(0.0, lc.fluxErr()[0], 0.0, "unsigned 16-bit: −32768 + 32768");
        assertEquals(N - 1, lc.fluxErr()[N - 1], 0.0);
    }

    @Test
    void signedBytesAndUnsignedIntsUseTheirOffsets() throws IOException {
        double[] time = new double[N];
        byte[] flux = new byte[N];   // B with TZERO −128: signed byte
        int[] err = new int[N];      // J with TZERO 2³¹: unsigned 32-bit
        short[] quality = new short[N]; // I with TZERO 32768: unsigned flags
        for (int i = 0; i < N; i++) {
            time[i] = 0.01 * i;
            flux[i] = (byte) (i == 0 ? 0 : 255); // stored 0 → −128, 255 → 127
            err[i] = Integer.MIN_VALUE + i;      // → i
            quality[i] = (short) (i == 5 ? -32768 + 32 : -32768); // → 32 (in the default mask) at 5, else 0
        }
        Path file = write("offsets.fits", time, flux, err, quality, "TZERO2", -128, "TZERO3", 2147483648L,
                "TZERO4", 32768);
        LightCurve lc = LightCurveReader.read(file);
        assertEquals(N - 1, lc.size(), "cadence 5 carries quality bit 32 once TZERO is applied");
        assertEquals(-128.0, lc.flux()[0], 0.0);
        assertEquals(127.0, lc.flux()[1], 0.0);
        assertEquals(4.0, lc.fluxErr()[4], 0.0);
        assertEquals(6.0, lc.fluxErr()[5], 0.0, "row 5 dropped");
    }

    @Test
    void scaledFloatColumnsAndTnullBecomeNaN() throws IOException {
        double[] time = new double[N];
        float[] flux = new float[N];   // E: flux = 1 + 2 · stored
        int[] err = ints(10, 0);       // J with TNULL −1 at two rows
        int[] quality = new int[N];    // J with TNULL 99: null flags drop the cadence under any mask
        for (int i = 0; i < N; i++) {
            time[i] = 100 + 0.01 * i;
            flux[i] = 0.25f * i;
        }
        err[7] = -1;
        err[8] = -1;
        quality[9] = 99;
        Path file = write("nulls.fits", time, flux, err, quality, "TSCAL2", 2.0, "TZERO2", 1.0, "TSCAL3", 0.5,
                "TNULL3", -1, "TNULL4", 99);
        LightCurveReader.Result r = LightCurveReader.readWithInfo(file, ReadOptions.defaults());
        LightCurve lc = r.lightCurve();
        assertEquals(N - 3, lc.size(), "rows 7 and 8 (TNULL error) and 9 (TNULL quality) are dropped");
        assertEquals(1.0, lc.flux()[0], 0.0);
        assertEquals(1.0 + 2 * 0.25 * 6, lc.flux()[6], 0.0);
        assertEquals(1.0 + 2 * 0.25 * 10, lc.flux()[7], 0.0);
        assertEquals(5.0, lc.fluxErr()[0], 0.0, "TSCAL 0.5 on 10");
        assertEquals(N - 2, LightCurveReader.read(file, ReadOptions.defaults().withQualityMask(QualityMask.NONE))
                .size(), "without a mask only the null errors drop a cadence");
    }

    @Test
    void unreadableScalingCardsAreNamed() throws IOException {
        double[] time = new double[N];
        for (int i = 0; i < N; i++) {
            time[i] = 0.01 * i;
        }
        Path bad = write("badcard.fits", time, new double[N], new double[N], new int[N], "TSCAL2", "ten");
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("TSCAL2 is not a finite number: "
                + "'ten'"), e.getMessage());
        Path scaledFlags = write("scaledflags.fits", time, new double[N], new double[N], new int[N], "TSCAL4", 2.0);
        e = assertThrows(IOException.class, () -> LightCurveReader.read(scaledFlags));
        assertTrue(e.getMessage().contains("flag column 'QUALITY' must hold unscaled integers"), e.getMessage());
        Path zeroScale = write("zeroscale.fits", time, new double[N], new double[N], new int[N], "TSCAL3", 0.0);
        e = assertThrows(IOException.class, () -> LightCurveReader.read(zeroScale));
        assertTrue(e.getMessage().contains("TSCAL3 = 0"), e.getMessage());
    }

    @Test
    void timeReferenceCardsAreReadAsNumbersOrRefused() throws IOException {
        double[] time = new double[N];
        for (int i = 0; i < N; i++) {
            time[i] = 0.01 * i;
        }
        Path split = write("split.fits", time, new double[N], new double[N], new int[N], "BJDREFI", 2454833.0,
                "BJDREFF", 0.5); // written as floating-point cards
        LightCurveReader.Result r = LightCurveReader.readWithInfo(split, ReadOptions.defaults());
        assertEquals(2454833.5, r.bjdReference(), 0.0);
        assertEquals("BJD-2454833.5", r.timeSystem());
        Path text = write("text.fits", time, new double[N], new double[N], new int[N], "BJDREFI", "2457000");
        assertEquals("BTJD", LightCurveReader.readWithInfo(text, ReadOptions.defaults()).timeSystem());
        Path bad = write("badref.fits", time, new double[N], new double[N], new int[N], "BJDREFI", "unknown");
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("BJDREFI is not a finite"
                + " number: 'unknown'"), e.getMessage());
    }

    @Test
    void unscaledColumnsAreUnchanged() throws IOException {
        double[] time = new double[N];
        float[] flux = new float[N];
        for (int i = 0; i < N; i++) {
            time[i] = 0.01 * i;
            flux[i] = 0.1f * i;
        }
        LightCurve lc = LightCurveReader.read(write("plain.fits", time, flux, new double[N], new int[N]));
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            expected[i] = flux[i];
        }
        assertArrayEquals(expected, lc.flux(), 0.0);
    }
}
