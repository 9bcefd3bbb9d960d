package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.BundledData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlareCatalogTest {
    @Test
    void bundledRowsOfTheFiveStarsInBtjd() throws IOException {
        FlareCatalog c = FlareCatalog.read(BundledData.stellaCatalogue());
        assertEquals(102, c.size());
        assertEquals(18, c.flares(2760232).size());
        assertEquals(22, c.flares(2761472).size());
        assertEquals(27, c.flares(5656273).size());
        for (FlareCatalog.Entry e : c.flares(5676537)) {
            assertTrue(e.tpeakBtjd() > 1354.1 && e.tpeakBtjd() < 1381.6, "Sector 2 in BTJD: " + e);
        }
        assertEquals(0, c.flares(2761472, 0, 1000).size());
        assertEquals(0, c.flares(1L).size());
        assertTrue(c.convertedFromFullBjd());
        assertTrue(c.timeNote().endsWith("102 flares of 5 stars; tpeak in full BJD, converted to BTJD (− 2 457 000)"),
                c.timeNote());
    }

    @Test
    void missingColumnsAndEmptyPeaksAreNamed(@TempDir Path dir) throws IOException {
        Path noAmp = dir.resolve("a.csv");
        Files.writeString(noAmp, "TIC,tpeak,FWHMdt\n1,2458400.1,0.01\n");
        IOException e = assertThrows(IOException.class, () -> FlareCatalog.read(noAmp));
        assertTrue(e.getMessage().contains("missing column 'Amp'"), e.getMessage());
        Path emptyPeak = dir.resolve("b.csv");
        Files.writeString(emptyPeak, "TIC,tpeak,Amp,FWHMdt\n1,,0.1,0.01\n");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> FlareCatalog.read(emptyPeak));
        assertTrue(e2.getMessage().contains("line 2") && e2.getMessage().contains("tpeak"), e2.getMessage());
    }
}
