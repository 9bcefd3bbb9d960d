package astrograd.astro.transients;

import java.util.Arrays;
import java.util.List;

/**
 * One transient's multi-band photometry, observations sorted by time. Fluxes are in µJy (AB zero point 23.9, so
 * {@code m = 23.9 − 2.5 log₁₀ f}); {@code detected[i]} is false for a non-detection, whose {@code mag} is the
 * 3σ limiting magnitude {@code 23.9 − 2.5 log₁₀(3 σ_f)} and whose {@code magErr} is NaN. {@code band[i]} indexes
 * {@link #bands()}. {@code type} is the catalogue's class ("SN Ia", "SLSN", …) or null when unlabelled; {@code mwAv} is
 * the Milky-Way {@code A_V} (mag) toward the object; {@code peakTime} (MJD) is NaN when unknown.
 */
public record TransientLightCurve(String id, String type, double redshift, double mwAv, double peakTime,
                                  List<Passband> bands, double[] time, int[] band, double[] flux, double[] fluxErr,
                                  double[] mag, double[] magErr, boolean[] detected) {
    /** AB zero point of µJy. */
    public static final double ZERO_POINT_UJY = 23.9;

    public TransientLightCurve {
        int n = time.length;
        if (band.length != n || flux.length != n || fluxErr.length != n || mag.length != n || magErr.length != n
                || detected.length != n) {
            throw new IllegalArgumentException("TransientLightCurve " + id + ": observation arrays differ in length");
        }
        for (int b : band) {
            if (b < 0 || b >= bands.size()) {
                throw new IllegalArgumentException("TransientLightCurve " + id + ": band index " + b + " outside "
                        + bands);
            }
        }
    }

    public int size() {
        return time.length;
    }

    /** Number of detections. */
    public int detections() {
        int c = 0;
        for (boolean d : detected) {
            c += d ? 1 : 0;
        }
        return c;
    }

    /** Flux in µJy of an AB magnitude. */
    public static double fluxOfMag(double mag) {
        return Math.pow(10, (ZERO_POINT_UJY - mag) / 2.5);
    }

    /** AB magnitude of a flux in µJy. */
    public static double magOfFlux(double flux) {
        return ZERO_POINT_UJY - 2.5 * Math.log10(flux);
    }

    /**
     * A copy corrected for Milky-Way extinction (CCM89, R_V = 3.1): {@code m − A_band}, fluxes and flux errors times
     * {@code 10^(0.4 A_band)}; {@code mwAv} of the copy is 0.
     */
    public TransientLightCurve dereddened() {
        double[] a = new double[bands.size()];
        for (int b = 0; b < a.length; b++) {
            a[b] = Extinction.absorption(mwAv, bands.get(b).wavelength());
        }
        int n = size();
        double[] f = new double[n];
        double[] fe = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = Math.pow(10, 0.4 * a[band[i]]);
            f[i] = flux[i] * scale;
            fe[i] = fluxErr[i] * scale;
            m[i] = mag[i] - a[band[i]];
        }
        return new TransientLightCurve(id, type, redshift, 0, peakTime, bands, time.clone(), band.clone(), f, fe, m,
                magErr.clone(), detected.clone());
    }

    /** Observations in band {@code b}: their indices in time order. */
    public int[] indicesOfBand(int b) {
        return java.util.stream.IntStream.range(0, size()).filter(i -> band[i] == b).toArray();
    }

    /** A copy with only the observations in {@code keep} (bands it lacks are left out of the band list too). */
    public TransientLightCurve onlyBands(List<Passband> keep) {
        List<Passband> kept = bands.stream().filter(keep::contains).toList();
        int[] idx = java.util.stream.IntStream.range(0, size()).filter(i -> keep.contains(bands.get(band[i])))
                .toArray();
        int[] b = new int[idx.length];
        double[] t = new double[idx.length];
        double[] f = new double[idx.length];
        double[] fe = new double[idx.length];
        double[] m = new double[idx.length];
        double[] me = new double[idx.length];
        boolean[] det = new boolean[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            b[k] = kept.indexOf(bands.get(band[i]));
            t[k] = time[i];
            f[k] = flux[i];
            fe[k] = fluxErr[i];
            m[k] = mag[i];
            me[k] = magErr[i];
            det[k] = detected[i];
        }
        return new TransientLightCurve(id, type, redshift, mwAv, peakTime, kept, t, b, f, fe, m, me, det);
    }

    /** A copy with only the observations at or before {@code t} (MJD). */
    public TransientLightCurve truncatedAt(double t) {
        int k = 0;
        while (k < size() && time[k] <= t) {
            k++;
        }
        return new TransientLightCurve(id, type, redshift, mwAv, peakTime, bands, Arrays.copyOf(time, k),
                Arrays.copyOf(band, k), Arrays.copyOf(flux, k), Arrays.copyOf(fluxErr, k), Arrays.copyOf(mag, k),
                Arrays.copyOf(magErr, k), Arrays.copyOf(detected, k));
    }
}
