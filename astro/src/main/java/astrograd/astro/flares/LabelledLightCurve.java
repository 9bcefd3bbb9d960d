package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import java.util.List;

/**
 * A normalized light curve with the catalogued flares that fall inside it.
 *
 * @param lightCurve flux normalized to a median of 1 (per orbit)
 * @param flares the catalogued flares (peak times in the light curve's time system)
 */
public record LabelledLightCurve(LightCurve lightCurve, List<FlareCatalog.Entry> flares) {
    public LabelledLightCurve {
        flares = List.copyOf(flares);
    }

    /** The cadence index nearest to {@code t}. */
    public int nearestCadence(double t) {
        double[] time = lightCurve.time();
        int i = java.util.Arrays.binarySearch(time, t);
        if (i >= 0) {
            return i;
        }
        int hi = -i - 1;
        if (hi == 0) {
            return 0;
        }
        if (hi == time.length) {
            return time.length - 1;
        }
        return t - time[hi - 1] <= time[hi] - t ? hi - 1 : hi;
    }
}
