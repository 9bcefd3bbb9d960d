package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pretrained series ensemble ({@code models/stella-sector2-series}): it scores every cadence, finds the flares
 * of a star it never saw at least as well as the leave-one-star-out figures of its training recipe (catalogue
 * recall 0.912, 1.19 detections per day not in the catalogue; see benchmarks/RESULTS.md), and reports flares next
 * to the ends of a light curve and to gaps, which stella's windows mask.
 */
class BundledSeriesModelTest {
    static FlareEnsemble ensemble;

    @BeforeAll
    static void load() throws IOException {
        ensemble = FlareEnsemble.loadBundledSeries();
    }

    @Test
    void isASeriesEnsembleThatSaysHowItWasTrained() {
        assertEquals(5, ensemble.size());
        assertEquals(FlareNetwork.Input.SERIES, ensemble.input());
        assertTrue(String.valueOf(ensemble.info().get("command")).contains("--network-input series"));
    }

    @Test
    void findsTheFlaresOfAStarItNeverSawScoringEveryCadence() {
        LabelledLightCurve star = GeneratedLightCurves.generate("held-out", 18_000, 0.002, 40, new Rng(2024));
        FlarePipeline.Prediction p = FlarePipeline.predict(star.lightCurve(), ensemble, 0.5);
        assertTrue(Arrays.stream(p.probability()).noneMatch(Double::isNaN), "every cadence is scored");
        FlareEvaluation.CatalogReport r = FlarePipeline.score(p, star);
        assertTrue(r.recall() >= 0.912, "leave-one-star-out catalogue recall 0.912: " + r.toMap());
        assertTrue(r.extraPerDay() <= 1.19, "leave-one-star-out: 1.19 per day not in the catalogue: " + r.toMap());
    }

    @Test
    void reportsAFlareFifteenCadencesBeforeTheEndAndOneNextToAGap() throws IOException {
        // the example: a flare of three times the stellar flux peaking 15 cadences before the end
        LabelledLightCurve quiet = GeneratedLightCurves.generate("edges", 6000, 0.002, 0, new Rng(77));
        LightCurve lc = quiet.lightCurve();
        double[] flux = lc.flux().clone();
        double[] t = lc.time();
        double nearEnd = t[t.length - 16];
        double afterGap = t[3000 + 10]; // the generated 0.5-day gap sits before cadence 3000
        for (double tp : new double[] {nearEnd, afterGap}) {
            double[] shape = DavenportFlare.binned(t, tp, 10.0 / 1440, tp == nearEnd ? 2.0 : 0.05, 2.0 / 1440);
            for (int i = 0; i < flux.length; i++) {
                flux[i] += shape[i];
            }
        }
        List<Flare> found = FlarePipeline.predict(lc.withFlux(flux, lc.fluxErr()), ensemble, 0.5).flares();
        for (double tp : new double[] {nearEnd, afterGap}) {
            assertTrue(found.stream().anyMatch(f -> Math.abs(f.tpeak() - tp) <= FlarePipeline.MATCH_TOLERANCE_DAYS),
                    "flare at " + tp + " among " + found);
        }
        double[] stella = FlarePredictor.probabilities(lc.withFlux(flux, lc.fluxErr()), FlareEnsemble.loadBundled());
        assertTrue(Double.isNaN(stella[t.length - 16]), "stella's windows leave the cadence 15 before the end unscored");
    }
}
