package astrograd.astro.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DifferencingTest {
    /** Registered, transient-free pairs: what ZOGY's noise claims are about. */
    private static final SurveyConfig QUIET = SurveyConfig.defaults().withSize(128).withMisregistration(0, 0)
            .withCounts(0, 0, 0, 0);

    @Test
    void zogyDifferenceIsWhiteAndScorrIsStandardNormal() {
        SurveySimulator sim = new SurveySimulator(QUIET, 5);
        int bins = 8;
        double[] power = new double[bins];
        int[] counts = new int[bins];
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int k = 0; k < 6; k++) {
            SurveyPair p = sim.pair(k);
            DifferenceResult r = new Zogy(p.psfReference(), p.psfScience(), 0).difference(p.reference(), p.science(),
                    p.noiseReference(), p.noiseScience());
            Spectrum d = Fft2.forward(r.difference());
            for (int v = 0; v < 128; v++) {
                for (int u = 0; u < 128; u++) {
                    double f = Math.hypot(Fft2.frequency(u, 128), Fft2.frequency(v, 128));
                    int b = (int) (f / 0.5 * bins);
                    if (f > 0 && b < bins) {
                        power[b] += d.power(u, v);
                        counts[b]++;
                    }
                }
            }
            for (double s : r.significance().pixels()) {
                sum += s;
                sum2 += s * s;
                n++;
            }
        }
        double total = 0;
        for (int b = 0; b < bins; b++) {
            power[b] /= counts[b];
            total += power[b] / bins;
        }
        for (int b = 0; b < bins; b++) {
            assertEquals(1.0, power[b] / total, 0.10, "power in annulus " + b + " relative to the mean");
        }
        double mean = sum / n;
        double std = Math.sqrt(sum2 / n - mean * mean);
        assertEquals(0.0, mean, 0.05, "S_corr mean");
        assertEquals(1.0, std, 0.05, "S_corr std");
    }

    @Test
    void allBaselinesFindABrightTransientAndAlardLuptonBeatsNaiveOnStars() {
        SurveyConfig c = SurveyConfig.defaults().withSize(128).withCounts(1, 1, 0, 0).withMisregistration(0, 0);
        SurveyPair p = new SurveySimulator(c, 3).pair(1);
        SurveyPair.Transient t = p.transients().get(0);
        double aperture = 3 * p.psfScience().sigma();
        Zogy zogy = new Zogy(p.psfReference(), p.psfScience(), 0.0);
        List<DifferenceResult> results = List.of(NaiveDifference.difference(p.reference(), p.science(), p.psfScience()),
                new AlardLupton().difference(p.reference(), p.science(), p.psfReference(), p.psfScience()),
                zogy.difference(p.reference(), p.science()));
        if (t.snr() > 15) {
            for (DifferenceResult r : results) {
                List<Detection> found = Detection.find(r, 5, 2, aperture);
                assertTrue(found.stream().anyMatch(d -> Math.hypot(d.x() - t.x(), d.y() - t.y()) <= 2),
                        "transient at " + t + " not among " + found.size() + " detections");
            }
        }
        double naiveRms = Robust.sigma(results.get(0).difference().pixels());
        double alRms = Robust.sigma(results.get(1).difference().pixels());
        assertTrue(alRms < naiveRms, "AL residual " + alRms + " vs naive " + naiveRms);
    }
}
