package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import astrograd.astro.io.DataPaths;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The HST/WFC3 spectrum of WASP-12b (Kreidberg et al. 2015) from the shared data; skipped where it is absent. */
class Wasp12bSpectrumTest {
    @Test
    void readsThirteenBinsAndTheModelReachesTheObservedDepths() throws IOException {
        Path csv = DataPaths.sharedFile("spectra/wasp12b_transmission_spectrum.csv");
        assumeTrue(csv != null, "shared data file absent: spectra/wasp12b_transmission_spectrum.csv");
        ObservedSpectrum s = ObservedSpectrum.read(csv);
        assertEquals(13, s.bins());
        assertEquals(0.867, s.wavelength()[0], 1e-9);
        assertEquals(1.6315, s.wavelength()[12], 1e-9);
        WavelengthBins bins = WavelengthBins.fromCentres(s.wavelength());
        for (int b = 0; b < 13; b++) {
            assertEquals(b, bins.binOf(s.wavelength()[b]));
        }
        // near the true-model posterior mean of benchmarks/RESULTS.md: within 5σ on average
        double[] m = TransmissionModel.standard(bins).spectrum(new double[] {1700, -4.8, -5.2, -9.3, -3.5});
        double chi2 = s.chiSquare(m);
        assertTrue(chi2 < 25 * 13, "chi2 " + chi2);
    }
}
