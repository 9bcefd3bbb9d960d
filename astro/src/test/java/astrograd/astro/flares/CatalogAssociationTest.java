package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.BundledData;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.Npy;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.NullDataHDU;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which catalogued flares belong to which light curve: the TIC from the header or a known file-name form, never a
 * guess; the catalogue's time system read from its values; light curves in another time system refused.
 */
class CatalogAssociationTest {
    private static final long TIC = 123456789;

    @TempDir
    static Path dir;
    static LabelledLightCurve star;
    static Path catalogue;

    @BeforeAll
    static void starAndCatalogue() throws IOException {
        star = GeneratedLightCurves.generate("gen", 3000, 0.002, 5, new Rng(5));
        StringBuilder csv = new StringBuilder("TIC,tpeak,Amp,FWHMdt\n");
        for (FlareCatalog.Entry e : star.flares()) {
            csv.append(String.format(Locale.ROOT, "%d,%.8f,%.6f,%.6f%n", TIC, e.tpeakBtjd() + FlareCatalog.BTJD_OFFSET,
                    e.amplitude(), e.fwhmDays()));
        }
        csv.append("987,2458500.5,0.1,0.01\n"); // another star
        catalogue = Files.writeString(dir.resolve("catalogue.csv"), csv);
    }

    private static Path npy(String name, double timeOffset) throws IOException {
        LightCurve lc = star.lightCurve();
        int n = lc.size();
        double[] data = new double[3 * n];
        for (int i = 0; i < n; i++) {
            data[i] = lc.time()[i] + timeOffset;
            data[n + i] = lc.flux()[i];
            data[2 * n + i] = lc.fluxErr()[i];
        }
        Path file = dir.resolve(name);
        Npy.write(file, data, 3, n);
        return file;
    }

    /** A TESS FITS light curve of the generated star with the given header cards (OBJECT, TICID, TELESCOP). */
    private static Path fits(String name, String object, Long ticid, String telescope) throws IOException {
        LightCurve lc = star.lightCurve();
        Path file = dir.resolve(name);
        try (Fits fits = new Fits()) {
            NullDataHDU primary = new NullDataHDU();
            if (ticid != null) {
                primary.addValue("TICID", ticid, "TESS Input Catalog number");
            }
            fits.addHDU(primary);
            BinaryTableHDU hdu = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(new Object[] {lc.time(), lc.flux(),
                lc.fluxErr(), new int[lc.size()]}));
            String[] names = {"TIME", "PDCSAP_FLUX", "PDCSAP_FLUX_ERR", "QUALITY"};
            for (int i = 0; i < names.length; i++) {
                hdu.setColumnName(i, names[i], null);
            }
            hdu.addValue("TELESCOP", telescope, "");
            hdu.addValue("OBJECT", object, "");
            fits.addHDU(hdu);
            fits.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException(e);
        }
        return file;
    }

    private static int matched(Path file) throws IOException {
        return FlarePipeline.load(List.of(file), FlareCatalog.read(catalogue)).get(0).flares().size();
    }

    @Test
    void ticNumbersComeOnlyFromKnownNameForms() {
        assertEquals(OptionalLong.of(2760232), TicNumber.fromName("002760232_sector02"));
        assertEquals(OptionalLong.of(280773136), TicNumber.fromName("TIC 280773136"));
        assertEquals(OptionalLong.of(280773136), TicNumber.fromName("tic_280773136_s37"));
        assertEquals(OptionalLong.of(280773136),
                TicNumber.fromName("hlsp_tess-spoc_tess_phot_0000000280773136-s0037_tess_v1_lc"));
        assertEquals(OptionalLong.of(25155310), TicNumber.fromName("tess2018206045859-s0001-0000000025155310-0120-s_lc"));
        for (String notATic : List.of("s0037_lc", "sector37_star", "kplr010002792-2010174085026_llc", "optic_12",
                "lightcurve", "TIC 0", "")) {
            assertEquals(OptionalLong.empty(), TicNumber.fromName(notATic), notATic);
        }
    }

    @Test
    void theTicComesFromTheFitsHeaderNotFromDigitsInTheName() throws IOException {
        // OBJECT "sector 37 target" and file s0037_lc.fits: the old rule took 37 for the TIC
        Path file = fits("s0037_lc.fits", "sector 37 target", TIC, "TESS");
        assertEquals(5, matched(file));
        Path plain = fits("lightcurve.fits", "a flare star", TIC, "TESS");
        assertEquals(5, matched(plain));
    }

    @Test
    void anUnknownOrConflictingTicIsAnError() throws IOException {
        Path anonymous = npy("lightcurve.npy", 0);
        IOException e = assertThrows(IOException.class, () -> matched(anonymous));
        assertTrue(e.getMessage().startsWith(anonymous.toString()) && e.getMessage().contains("cannot tell its TIC"),
                e.getMessage());
        assertEquals(0, FlarePipeline.load(List.of(anonymous), null).get(0).flares().size(), "no catalogue: no TIC needed");
        Path conflict = fits("000000987_sector02.fits", "star", TIC, "TESS");
        e = assertThrows(IOException.class, () -> matched(conflict));
        assertTrue(e.getMessage().contains("TICID is " + TIC + " but the file name says TIC 987"), e.getMessage());
        assertEquals(5, matched(npy(String.format(Locale.ROOT, "%09d_sector02.npy", TIC), 0)), "stella's names");
    }

    @Test
    void emptyOrBadTicsInTheCatalogueAreErrors() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty-tic.csv"), "TIC,tpeak,Amp,FWHMdt\n5,2458400.1,0.1,0.01\n"
                + ",2458400.2,0.1,0.01\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlareCatalog.read(empty));
        assertTrue(e.getMessage().contains("line 3: TIC is empty"), e.getMessage());
        Path bad = Files.writeString(dir.resolve("bad-tic.csv"), "TIC,tpeak,Amp,FWHMdt\n12.5,2458400.1,0.1,0.01\n");
        e = assertThrows(IllegalArgumentException.class, () -> FlareCatalog.read(bad));
        assertTrue(e.getMessage().contains("line 2: TIC '12.5' is not a positive integer"), e.getMessage());
        Path pandas = Files.writeString(dir.resolve("float-tic.csv"), "TIC,tpeak,Amp,FWHMdt\n12.0,2458400.1,0.1,0.01\n");
        assertEquals(1, FlareCatalog.read(pandas).flares(12).size(), "an integral float as pandas writes it");
    }

    @Test
    void aCatalogueInBtjdIsRecognizedAndMatches() throws IOException {
        StringBuilder csv = new StringBuilder("TIC,tpeak,Amp,FWHMdt\n");
        for (FlareCatalog.Entry e : star.flares()) {
            csv.append(String.format(Locale.ROOT, "%d,%.8f,%.6f,%.6f%n", TIC, e.tpeakBtjd(), e.amplitude(), e.fwhmDays()));
        }
        FlareCatalog btjd = FlareCatalog.read(Files.writeString(dir.resolve("btjd.csv"), csv));
        assertFalse(btjd.convertedFromFullBjd());
        assertTrue(btjd.timeNote().contains("taken as BTJD as is"), btjd.timeNote());
        Path file = npy(String.format(Locale.ROOT, "%09d_sector02.npy", TIC), 0);
        List<FlareCatalog.Entry> flares = FlarePipeline.load(List.of(file), btjd).get(0).flares();
        assertEquals(5, flares.size());
        assertEquals(star.flares().get(0).tpeakBtjd(), flares.get(0).tpeakBtjd(), 1e-7);
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), "TIC,tpeak,Amp,FWHMdt\n5,2458400.1,0.1,0.01\n"
                + "5,1400.2,0.1,0.01\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlareCatalog.read(mixed));
        assertTrue(e.getMessage().contains("full BJD on line 2 but BTJD on line 3"), e.getMessage());
        Path mjd = Files.writeString(dir.resolve("mjd.csv"), "TIC,tpeak,Amp,FWHMdt\n5,58400.1,0.1,0.01\n");
        e = assertThrows(IllegalArgumentException.class, () -> FlareCatalog.read(mjd));
        assertTrue(e.getMessage().contains("line 2: tpeak 58400.1 is neither full BJD"), e.getMessage());
    }

    @Test
    void aLightCurveInAnotherTimeSystemIsRefused() throws IOException {
        Path fullBjd = npy(String.format(Locale.ROOT, "%09d_bjd.npy", TIC), FlareCatalog.BTJD_OFFSET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> matched(fullBjd));
        assertTrue(e.getMessage().startsWith(fullBjd.toString()) && e.getMessage().contains("shifted by -2457000 d")
                && e.getMessage().contains("not in BTJD"), e.getMessage());
        Path kepler = fits("kepler.fits", "a Kepler star", TIC, "Kepler");
        IOException k = assertThrows(IOException.class, () -> matched(kepler));
        assertTrue(k.getMessage().contains("its times are BKJD"), k.getMessage());
    }

    @Test
    void theBundledStarsKeepTheirFlares() throws IOException {
        List<LabelledLightCurve> curves = FlarePipeline.bundled();
        assertEquals(List.of(18, 22, 22, 27, 13), curves.stream().map(c -> c.flares().size()).toList());
        assertEquals(BundledData.STELLA_TICS.size(), curves.size());
    }
}
