package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pretrained ensemble shipped in the jar loads, says how it was trained, and finds the big flares. */
class BundledModelTest {
    @Test
    void pretrainedEnsembleFindsTheCataloguedFlaresOfAStellaStar() throws IOException {
        FlareEnsemble e = FlareEnsemble.loadBundled();
        assertEquals(5, e.size());
        assertTrue(String.valueOf(e.info().get("command")).startsWith("astrograd flares train"), e.info().toString());
        LabelledLightCurve star = FlarePipeline.bundled().get(1); // TIC 2761472, with the 8× flare
        FlarePipeline.Prediction p = FlarePipeline.predict(star.lightCurve(), e, 0.5);
        FlareEvaluation.CatalogReport r = FlarePipeline.score(p, star);
        assertTrue(r.recall() >= 0.85, "trained on this star too: " + r.toMap());
        Flare biggest = p.flares().stream().max(java.util.Comparator.comparingDouble(Flare::amplitude)).orElseThrow();
        assertEquals(1358.53, biggest.tpeak(), 0.01, "the giant flare");
        assertTrue(biggest.amplitude() > 6, "its amplitude: " + biggest);
    }
}
