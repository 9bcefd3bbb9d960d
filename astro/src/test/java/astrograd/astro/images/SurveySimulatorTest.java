package astrograd.astro.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SurveySimulatorTest {
    @Test
    void pairsAreSeededAndTruthHoldsTheTransientFlux() {
        SurveySimulator sim = new SurveySimulator(SurveyConfig.defaults().withSize(64).withCounts(2, 3, 1, 2), 7);
        SurveyPair a = sim.pair(3);
        SurveyPair b = sim.pair(3);
        assertEquals(a.science(), b.science());
        assertEquals(a.reference(), b.reference());
        assertNotEquals(a.science(), sim.pair(4).science());
        assertTrue(a.transients().size() >= 2 && a.transients().size() <= 3);
        double injected = a.transients().stream().mapToDouble(SurveyPair.Transient::flux).sum();
        assertEquals(injected, Arrays.stream(a.truth().pixels()).sum(), 1e-9 * injected);
        for (SurveyPair.Transient t : a.transients()) {
            assertTrue(t.x() >= 0 && t.x() < 64 && t.y() >= 0 && t.y() < 64);
            assertEquals(t.snr() * Math.sqrt(a.psfScience().noiseEquivalentArea()) * a.noiseScience(), t.flux(), 1e-9);
        }
        // the noise of each image is the configured depth: sigma_r = 0.5 sigma_n
        Image diffOfNoise = new SurveySimulator(SurveyConfig.defaults().withSize(64), 1).pair(0).reference();
        assertTrue(Robust.sigma(diffOfNoise.pixels()) < 0.8, "reference MAD sigma " + Robust.sigma(diffOfNoise.pixels()));
    }

    @Test
    void transientPeakSitsAtItsPositionInTheScienceFrame() {
        SurveyConfig quiet = new SurveyConfig(64, 0, 0, 5, 1000, 1.5, 0, 0, 20, 400, 0.5, 4, 2, 15, 0, 0, 1.0, 1.8, 1.2,
                2.6, 0.3, 0.7, 0.2, 1e-6, 0.5, 1, 1, 50, 50, 0.0, 0, 0, 0.2);
        SurveyPair p = new SurveySimulator(quiet, 11).pair(0);
        SurveyPair.Transient t = p.transients().get(0);
        double sx = 0;
        double sy = 0;
        double sum = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double v = p.truth().get(x, y);
                double dx = x - t.x() - 64 * Math.round((x - t.x()) / 64);
                double dy = y - t.y() - 64 * Math.round((y - t.y()) / 64);
                sx += v * dx;
                sy += v * dy;
                sum += v;
            }
        }
        assertEquals(0, sx / sum, 0.01);
        assertEquals(0, sy / sum, 0.01);
        assertEquals(t.flux(), sum, 1e-6 * t.flux());
        for (int i = 0; i < 64 * 64; i++) {
            assertEquals(p.truth().pixels()[i], p.science().pixels()[i], 6e-6, "science = truth + noise (sky 0)");
        }
    }
}
