package astrograd.astro.galaxies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.galaxies.GalaxySimulator.Domain;
import astrograd.astro.galaxies.GalaxySimulator.Galaxy;
import astrograd.astro.images.Image;
import org.junit.jupiter.api.Test;

/** The two domains of GaMorNet's synthetic test (spec §3 (e)): labels, flux, noise, PSF and seeding. */
class GalaxySimulatorTest {
    private static final int SIZE = 83;

    @Test
    void galaxiesAreSeededByIndexAndLabelledByBulgeToTotal() {
        GalaxySimulator sim = new GalaxySimulator(SIZE, Domain.SIMULATION);
        assertArrayEquals(sim.galaxy(7, 3).image().pixels(), sim.galaxy(7, 3).image().pixels());
        assertFalse(java.util.Arrays.equals(sim.galaxy(7, 3).image().pixels(), sim.galaxy(7, 4).image().pixels()));
        int[] counts = new int[3];
        for (int i = 0; i < 300; i++) {
            Galaxy g = sim.galaxy(1, i);
            int expected = g.bulgeToTotal() < 0.45 ? 0 : g.bulgeToTotal() > 0.55 ? 2 : 1;
            assertEquals(expected, g.label());
            assertTrue(g.snr() >= 20 && g.snr() <= 500, "S/N " + g.snr());
            counts[g.label()]++;
        }
        assertTrue(counts[0] > 100 && counts[2] > 100 && counts[1] > 10 && counts[1] < 60, java.util.Arrays.toString(counts));
        assertThrows(IllegalArgumentException.class, () -> new GalaxySimulator(8, Domain.SURVEY));
    }

    /** The image holds the galaxy's flux (periodic convolution keeps it) plus noise of the domain's σ. */
    @Test
    void fluxIsKeptAndTheSurveyDomainHasTwiceTheNoiseAndMoffatPsfs() {
        for (Domain domain : Domain.values()) {
            GalaxySimulator sim = new GalaxySimulator(SIZE, domain);
            double noise = 0;
            int spirals = 0;
            for (int i = 0; i < 100; i++) {
                Galaxy g = sim.galaxy(2, i);
                double sum = java.util.Arrays.stream(g.image().pixels()).sum();
                assertEquals(g.flux(), sum, 5 * g.skySigma() * SIZE, domain + " galaxy " + i);
                noise += cornerStd(g.image()) / 100;
                spirals += g.spiral() ? 1 : 0;
                assertEquals(domain == Domain.SURVEY ? 2.0 : 1.0, g.skySigma());
                if (domain == Domain.SIMULATION) {
                    assertEquals(3.3, g.psfFwhm());
                } else {
                    assertTrue(g.psfFwhm() >= 2.5 && g.psfFwhm() <= 4.5);
                }
            }
            assertEquals(domain == Domain.SURVEY ? 2.0 : 1.0, noise, 0.1, domain + " sky noise");
            assertTrue(domain == Domain.SURVEY ? spirals > 8 && spirals < 35 : spirals == 0, domain + ": " + spirals);
        }
        Image k = new GalaxySimulator(SIZE, Domain.SURVEY).moffat(4);
        assertEquals(0.5, k.get(2, 0) / k.get(0, 0), 1e-12);
        assertEquals(1, java.util.Arrays.stream(k.pixels()).sum(), 1e-12);
    }

    /** Standard deviation of the 10 × 10 corner, far from the galaxy. */
    private static double cornerStd(Image img) {
        double s = 0;
        double s2 = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                double v = img.get(x, y);
                s += v;
                s2 += v * v;
            }
        }
        return Math.sqrt((s2 - s * s / 100) / 99);
    }
}
