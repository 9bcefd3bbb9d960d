package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.io.DataPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real EROS-1 and SDSS Stripe 82 files read from ../shared/data (skipped where that folder is absent). */
class ErosDataTest {
    @Test
    void erosCatalogueHasTheDocumentedStarsBandsAndClasses() throws IOException {
        Path lc = DataPaths.sharedFile("variables/eros1_train_lightcurves.csv.gz");
        Path meta = DataPaths.sharedFile("variables/eros1_train_meta.csv");
        Assumptions.assumeTrue(lc != null && meta != null, "EROS-1 data not in " + DataPaths.sharedData());
        StarCatalog.Result r = StarCatalog.eros().read(lc, meta, null, true);
        assertEquals(List.of("b", "r"), r.bandNames());
        assertEquals(2912, r.stars().size() + r.problems().size());
        PreparedStars p = PreparedStars.of(r, new Features(200, true, 2, 20), null);
        assertEquals(List.of("1", "2", "3", "4"), p.codes());
        int[] counts = p.classCounts();
        int skipped = p.problems().size();
        assertTrue(skipped < 10, "stars skipped: " + p.problems());
        assertEquals(339 + 604 + 1777 + 192, java.util.Arrays.stream(counts).sum() + skipped);
        // true periods are period / div_period: 0.048 to 808 days
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (FoldedCurve fc : p.curves()) {
            lo = Math.min(lo, fc.source().period());
            hi = Math.max(hi, fc.source().period());
        }
        assertTrue(lo > 0.04 && lo < 0.06 && hi > 700 && hi < 900, lo + " .. " + hi);
    }

    @Test
    void sdssCatalogueHasAbAndC() throws IOException {
        Path lc = DataPaths.sharedFile("variables/sdss_s82_rrlyrae_lightcurves.csv.gz");
        Path meta = DataPaths.sharedFile("variables/sdss_s82_rrlyrae_periods.csv");
        Assumptions.assumeTrue(lc != null && meta != null, "SDSS data not in " + DataPaths.sharedData());
        StarCatalog.Result r = StarCatalog.sdss().read(lc, meta, List.of("g", "r", "i"), true);
        PreparedStars p = PreparedStars.of(r, new Features(200, true, 3, 20), null);
        assertEquals(List.of("ab", "c"), p.codes());
        int[] counts = p.classCounts();
        assertEquals(483, counts[0] + counts[1] + p.problems().size());
        assertTrue(counts[0] >= 370 && counts[0] <= 379 && counts[1] >= 100 && counts[1] <= 104,
                java.util.Arrays.toString(counts) + ", skipped " + p.problems());
    }
}
