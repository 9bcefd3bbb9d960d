package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import astrograd.astro.io.DataPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real files of {@code ../shared/data/tess} (skipped where absent). The expected counts were derived
 * independently: a NumPy one-off that parsed the FITS binary tables by hand (big-endian records of 100 bytes)
 * and applied the same masks; they agree with the data README (3 461 finite PDCSAP and 3 456 with QUALITY == 0
 * for the SPOC file; 4 634 rows and 3 968 with SAP_QUALITY == 0 for the Kepler file).
 */
class RealLightCurveFilesTest {
    static final String SPOC = "tess/hlsp_tess-spoc_tess_phot_0000000280773136-s0037_tess_v1_lc.fits";
    static final String KEPLER = "tess/kplr010002792-2010174085026_llc.fits";

    @TempDir
    Path dir;

    static Path shared(String relative) {
        Path p = DataPaths.sharedFile(relative);
        assumeTrue(p != null, "shared data file absent: " + relative);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"002760232", "002761472", "005640393", "005656273", "005676537"})
    void readsStellaNpy(String tic) throws IOException {
        Path file = shared("tess/" + tic + "_sector02.npy");
        assertEquals(3 * 18300, Npy.read(file).data().length);
        LightCurve lc = LightCurveReader.read(file);
        assertEquals(tic + "_sector02", lc.name());
        assertEquals(18300, lc.size()); // no NaNs, no repeated times
        assertEquals(1354.11, lc.time()[0], 0.01);
        assertEquals(1381.52, lc.time()[lc.size() - 1], 0.01);
        assertEquals(1.0, Normalization.median(lc.flux(), 0, lc.size()), 0.01);
        assertEquals(2.0 / 60 / 24, lc.cadence(), 1e-5); // 2-minute cadence
    }

    @Test
    void readsTheSpocFileWithEachMask() throws IOException {
        Path file = shared(SPOC);
        LightCurveReader.Result r = LightCurveReader.readWithInfo(file, ReadOptions.defaults());
        assertEquals(3649, r.rows());
        assertEquals("TIC 280773136", r.lightCurve().name());
        assertEquals(Mission.TESS, r.mission());
        assertEquals("BTJD", r.timeSystem());
        assertEquals(2457000.0, r.bjdReference(), 0.0);
        assertEquals("PDCSAP_FLUX", r.fluxColumn());
        // every flagged cadence with a finite PDCSAP flux has only bit 512 (impulsive outlier), which the
        // default mask keeps: all 3 461 finite cadences survive; flags 8, 32, 128, 4 come with NaN fluxes
        assertEquals(3461, r.lightCurve().size());
        assertEquals(3461, count(file, QualityMask.NONE, ReadOptions.FluxColumn.PDCSAP));
        assertEquals(3461, count(file, QualityMask.HARD, ReadOptions.FluxColumn.PDCSAP));
        assertEquals(3456, count(file, QualityMask.HARDEST, ReadOptions.FluxColumn.PDCSAP));
        assertEquals(3456, count(file, QualityMask.ANY, ReadOptions.FluxColumn.PDCSAP)); // QUALITY == 0
        assertEquals(3456, count(file, QualityMask.of(512), ReadOptions.FluxColumn.PDCSAP));
        assertEquals(3466, count(file, QualityMask.NONE, ReadOptions.FluxColumn.SAP));
        assertEquals(3461, count(file, QualityMask.DEFAULT, ReadOptions.FluxColumn.SAP));
        LightCurve lc = r.lightCurve();
        assertEquals(2307.2906898351785, lc.time()[0], 1e-9); // the first rows have NaN flux
        assertEquals(2332.575822078381, lc.time()[lc.size() - 1], 1e-9);
        assertEquals(10.0 / 60 / 24, lc.cadence(), 1e-5);
        assertEquals(353359.56, Normalization.median(lc.flux(), 0, lc.size()), 1.0); // e⁻/s
    }

    @Test
    void readsTheKeplerFileWithEachMask() throws IOException {
        Path file = shared(KEPLER);
        LightCurveReader.Result r = LightCurveReader.readWithInfo(file, ReadOptions.defaults());
        assertEquals(4634, r.rows());
        assertEquals("KIC 10002792", r.lightCurve().name());
        assertEquals(Mission.KEPLER, r.mission());
        assertEquals("BKJD", r.timeSystem());
        assertEquals(1130799, r.qualityBits());
        assertEquals(4486, r.lightCurve().size());
        assertEquals(4486, count(file, QualityMask.NONE, ReadOptions.FluxColumn.PDCSAP));
        assertEquals(4335, count(file, QualityMask.HARD, ReadOptions.FluxColumn.PDCSAP));
        assertEquals(3968, count(file, QualityMask.HARDEST, ReadOptions.FluxColumn.PDCSAP));
        assertEquals(3968, count(file, QualityMask.ANY, ReadOptions.FluxColumn.PDCSAP)); // SAP_QUALITY == 0
        assertEquals(4487, count(file, QualityMask.NONE, ReadOptions.FluxColumn.SAP));
        LightCurve lc = r.lightCurve();
        assertEquals(443.51097021016903, lc.time()[0], 1e-9);
        assertEquals(538.1624817089833, lc.time()[lc.size() - 1], 1e-9);
        assertEquals(92967.92, Normalization.median(lc.flux(), 0, lc.size()), 0.5);
        assertEquals(29.4 / 60 / 24, lc.cadence(), 1e-4);
    }

    @Test
    void refusesATruncatedRealFile() throws IOException {
        byte[] bytes = Files.readAllBytes(shared(SPOC));
        Path cut = dir.resolve("cut_lc.fits");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        IOException e = assertThrows(IOException.class, () -> LightCurveReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void reportsTooFewCadencesWithTheMask() {
        Path file = shared(SPOC);
        IOException e = assertThrows(IOException.class,
                () -> LightCurveReader.read(file, ReadOptions.defaults().withMinCadences(3462)));
        assertTrue(e.getMessage().contains("only 3461 valid cadences of 3649 after quality filtering (mask 0xAF)"),
                e.getMessage());
    }

    private static int count(Path file, QualityMask mask, ReadOptions.FluxColumn flux) throws IOException {
        return LightCurveReader.read(file, ReadOptions.defaults().withQualityMask(mask).withFluxColumn(flux)).size();
    }
}
