package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pretrained ensemble shipped in the jar ({@code models/stella-sector2}: trained with {@code --seed 1} on the
 * five bundled stars, their catalogued flares and flares injected into them) loads, says how it was trained, and
 * finds flares it never saw. Its recall on the bundled stars' catalogued flares is in-sample, so it is measured
 * here on held-out data: a generated star, and flares injected into a bundled star from a stream the training
 * never drew. The thresholds come from the leave-one-star-out figures in the README (ensembles of 3, each star
 * held out in turn): catalogue recall 0.902, 1.23 detections per day not in the catalogue; on injected flares
 * ≥ 5σ average precision 0.998, recall 0.989 (0.964 on the worst star), spikes rejected 0.983.
 */
class BundledModelTest {
    static FlareEnsemble ensemble;

    @BeforeAll
    static void load() throws IOException {
        ensemble = FlareEnsemble.loadBundled();
    }

    @Test
    void saysHowItWasTrained() {
        assertEquals(5, ensemble.size());
        assertTrue(String.valueOf(ensemble.info().get("command")).startsWith("astrograd flares train"),
                ensemble.info().toString());
        assertEquals(102, ((Number) ensemble.info().get("catalogued_flares")).intValue());
    }

    @Test
    void findsTheFlaresOfAStarItNeverSaw() {
        // one Sector's worth of 2-minute cadences (25 d with a 0.5 d gap), noise 0.002 as on TIC 2760232, a 3σ
        // rotation, 40 flares of 8–60σ and FWHM 5–25 min
        LabelledLightCurve star = GeneratedLightCurves.generate("held-out", 18_000, 0.002, 40, new Rng(2024));
        FlarePipeline.Prediction p = FlarePipeline.predict(star.lightCurve(), ensemble, 0.5);
        FlareEvaluation.CatalogReport r = FlarePipeline.score(p, star);
        assertEquals(40, r.catalogued());
        assertTrue(r.recall() >= 0.902, "leave-one-star-out catalogue recall 0.902: " + r.toMap());
        assertTrue(r.extraPerDay() <= 1.23, "leave-one-star-out: 1.23 per day not in the catalogue: " + r.toMap());
    }

    @Test
    void findsFlaresInjectedIntoARealLightCurveFromANewStream() throws IOException {
        List<LabelledLightCurve> star = FlarePipeline.bundled().subList(0, 1); // TIC 2760232, noise 0.002
        WindowSet test = FlarePipeline.injectionTestSet(star, 1.0, new Rng(987_654_321), ensemble.input());
        FlareEvaluation.SyntheticReport r = FlareEvaluation.synthetic(test, ensemble.predict(test.inputs()), 0.5);
        assertTrue(r.positives() > 300, r.toMap().toString());
        assertTrue(r.recall() >= 0.964, "recall of injected ≥ 5σ flares (worst held-out star 0.964): " + r.toMap());
        assertTrue(r.precision() >= 0.95, "goal precision ≥ 0.95 (held-out 0.965): " + r.toMap());
        assertTrue(r.averagePrecision() >= 0.97, "goal AP ≥ 0.97 (held-out 0.998): " + r.toMap());
        assertTrue(r.spikeRejection() >= 0.95, "goal ≥ 95 % of spikes rejected (held-out 0.983): " + r.toMap());
    }

    @Test
    void describesTheGiantFlareOfTic2761472() throws IOException {
        LabelledLightCurve star = FlarePipeline.bundled().get(1); // in-sample: the 8× flare at BTJD 1358.53
        FlarePipeline.Prediction p = FlarePipeline.predict(star.lightCurve(), ensemble, 0.5);
        Flare biggest = p.flares().stream().max(java.util.Comparator.comparingDouble(Flare::amplitude)).orElseThrow();
        assertEquals(1358.53, biggest.tpeak(), 0.01, "the giant flare");
        assertTrue(biggest.amplitude() > 6, "its amplitude: " + biggest);
    }
}
