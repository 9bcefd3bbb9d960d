package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/** Test light curves: white noise, rotational modulation, a gap, and Davenport flares at known times. */
final class GeneratedLightCurves {
    static final double CADENCE = 2.0 / 1440;

    private GeneratedLightCurves() {
    }

    /**
     * {@code n} cadences from BTJD 1400 with a 0.5-day gap in the middle, noise σ, a 1.3-day rotation of
     * amplitude 3σ, and {@code flares} flares with peaks of 8–60 σ and FWHM 5–25 minutes, at least 300 cadences
     * apart and away from the edges and the gap.
     */
    static LabelledLightCurve generate(String name, int n, double sigma, int flares, Rng rng) {
        double[] time = new double[n];
        int gapAt = n / 2;
        for (int i = 0; i < n; i++) {
            time[i] = 1400 + i * CADENCE + (i >= gapAt ? 0.5 : 0);
        }
        double[] flux = new double[n];
        double[] err = new double[n];
        double phase = rng.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            flux[i] = 1 + 3 * sigma * Math.sin(2 * Math.PI * time[i] / 1.3 + phase) + sigma * rng.nextGaussian();
            err[i] = sigma;
        }
        List<FlareCatalog.Entry> entries = new ArrayList<>();
        int spacing = (n - 600) / Math.max(1, flares);
        for (int f = 0; f < flares; f++) {
            int peak = 300 + f * spacing + (int) rng.nextLong(Math.max(1, spacing - 250));
            if (Math.abs(peak - gapAt) < 150) {
                peak = gapAt + 150;
            }
            double fwhm = (5 + 20 * rng.nextDouble()) / 1440;
            double amplitude = (8 + 52 * rng.nextDouble()) * sigma;
            double tpeak = time[peak];
            double[] shape = DavenportFlare.binned(time, tpeak, fwhm, amplitude, CADENCE);
            for (int i = 0; i < n; i++) {
                flux[i] += shape[i];
            }
            entries.add(new FlareCatalog.Entry(0, tpeak, amplitude, fwhm));
        }
        return new LabelledLightCurve(new LightCurve(name, time, flux, err), entries);
    }
}
