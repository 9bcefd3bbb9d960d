package astrograd.astro.transients;

import astrograd.inference.gp.GpFitter;
import astrograd.inference.gp.TimeWavelengthGp;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D GP interpolation of a multi-band light curve as in SuperRAENN ({@code make_dense_LC}): the target is the
 * brightness above a limiting magnitude, {@code y = m_lim − m}, so the zero-mean GP falls back to the limit far from
 * the data. Detections enter with their magnitude errors; non-detections as {@code y = 0} (the limit) with error 1.0
 * mag, as in the reference. Inputs are (time − time of the brightest detection, band coordinate); the band coordinate
 * is the band's index in wavelength order ({@link BandAxis#INDEX}, SuperRAENN's choice) or its effective wavelength in
 * units of 1000 Å ({@link BandAxis#WAVELENGTH}). {@code m_lim} is the faintest detection plus 0.5 mag unless given.
 * Beyond the reference, an optional constant mean per band (profiled by GLS, see {@link TimeWavelengthGp}) carries
 * colour offsets that a zero-mean product kernel pulls to zero away from the data (without it, a band hidden after
 * peak is reconstructed at the other band's magnitude: 0.29 mag RMSE on the spec's 0.3-mag-offset test).
 */
public final class LightCurveGp {
    /** The second GP coordinate. */
    public enum BandAxis { INDEX, WAVELENGTH }

    /** Magnitude error given to non-detections (SuperRAENN's value). */
    public static final double NON_DETECTION_ERROR = 1.0;

    /**
     * A dense light curve: times (MJD) on a grid shared by all bands, and per band the GP mean magnitude and its
     * standard deviation {@code [band][k]}; the fit behind it.
     */
    public record Dense(TransientLightCurve source, double[] time, double[][] mag, double[][] magSd, GpFitter.Fit fit,
                        double limitingMag) {
    }

    private final BandAxis axis;
    private final GpFitter fitter;
    private final double limitOverride;
    private final boolean meanPerBand;

    /** Defaults: SE in time, wavelength axis, bounds {@code ℓ_t ∈ [1, 300] d}, {@code ℓ_λ ∈ [0.1, 30]}, 3 starts. */
    public static LightCurveGp defaults(long seed) {
        return new LightCurveGp(TimeWavelengthGp.TimeKernel.SQUARED_EXPONENTIAL, BandAxis.WAVELENGTH, true, 3, seed,
                Double.NaN);
    }

    /**
     * {@code meanPerBand}: a constant mean per band profiled by GLS (else SuperRAENN's zero mean); {@code limitingMag}
     * NaN for the faintest detection + 0.5.
     */
    public LightCurveGp(TimeWavelengthGp.TimeKernel kernel, BandAxis axis, boolean meanPerBand, int restarts, long seed,
                        double limitingMag) {
        this.axis = axis;
        this.meanPerBand = meanPerBand;
        this.limitOverride = limitingMag;
        this.fitter = new GpFitter(kernel, new double[] {Math.log(1e-2), Math.log(1), Math.log(0.1)},
                new double[] {Math.log(1e3), Math.log(300), Math.log(30)}, restarts, seed);
    }

    /** The GP training data of {@code lc} (after removing Milky-Way extinction is the caller's choice). */
    public TimeWavelengthGp.Data data(TransientLightCurve lc) {
        if (lc.detections() == 0) {
            throw new IllegalArgumentException("LightCurveGp: object " + lc.id() + " has no detections");
        }
        double limit = limitingMag(lc);
        double tRef = referenceTime(lc);
        int n = lc.size();
        double[] t = new double[n];
        double[] l = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        int[] group = lc.band().clone();
        for (int i = 0; i < n; i++) {
            t[i] = lc.time()[i] - tRef;
            l[i] = coordinate(lc, lc.band()[i]);
            y[i] = lc.detected()[i] ? limit - lc.mag()[i] : 0;
            s[i] = lc.detected()[i] ? lc.magErr()[i] : NON_DETECTION_ERROR;
        }
        return new TimeWavelengthGp.Data(t, l, y, s, meanPerBand ? group : null);
    }

    /** A first guess for θ: {@code (ln var(y), ln 20 d, ln 1)}. */
    public static double[] start(TimeWavelengthGp.Data d) {
        double mean = 0;
        for (double v : d.y()) {
            mean += v / d.size();
        }
        double var = 0;
        for (double v : d.y()) {
            var += (v - mean) * (v - mean) / d.size();
        }
        return new double[] {Math.log(Math.max(var + mean * mean, 1e-2)), Math.log(20), 0};
    }

    /** Fits one light curve and evaluates it on a grid from its first to its last epoch in steps of {@code dt} days. */
    public Dense fit(TransientLightCurve lc, double dt) {
        TimeWavelengthGp.Data d = data(lc);
        return dense(lc, fitter.fit(d, start(d)), dt);
    }

    /** Fits many light curves in parallel on the engine pool (see {@link GpFitter#fitAll}). */
    public List<Dense> fitAll(List<TransientLightCurve> lcs, double dt) {
        List<TimeWavelengthGp.Data> data = new ArrayList<>();
        List<double[]> starts = new ArrayList<>();
        for (TransientLightCurve lc : lcs) {
            TimeWavelengthGp.Data d = data(lc);
            data.add(d);
            starts.add(start(d));
        }
        GpFitter.Fit[] fits = fitter.fitAll(data, starts);
        List<Dense> out = new ArrayList<>();
        for (int i = 0; i < lcs.size(); i++) {
            out.add(dense(lcs.get(i), fits[i], dt));
        }
        return out;
    }

    /** GP mean magnitude and sd of {@code fit} for band {@code b} of {@code lc} at times {@code t} (MJD). */
    public double[][] predictBand(TransientLightCurve lc, GpFitter.Fit fit, int b, double[] t) {
        double limit = limitingMag(lc);
        double tRef = referenceTime(lc);
        double[] tt = new double[t.length];
        double[] ll = new double[t.length];
        int[] group = new int[t.length];
        for (int k = 0; k < t.length; k++) {
            tt[k] = t[k] - tRef;
            ll[k] = coordinate(lc, b);
            group[k] = meanPerBand ? b : 0;
        }
        TimeWavelengthGp.Prediction p = meanPerBand ? fit.gp().predict(tt, ll, group) : fit.gp().predict(tt, ll);
        double[] m = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            m[k] = limit - p.mean()[k];
        }
        return new double[][] {m, p.sd()};
    }

    private Dense dense(TransientLightCurve lc, GpFitter.Fit fit, double dt) {
        double t0 = lc.time()[0];
        double t1 = lc.time()[lc.size() - 1];
        int steps = (int) Math.floor((t1 - t0) / dt) + 1;
        double[] grid = new double[steps];
        for (int k = 0; k < steps; k++) {
            grid[k] = t0 + k * dt;
        }
        int bands = lc.bands().size();
        double[][] mag = new double[bands][];
        double[][] sd = new double[bands][];
        if (fit.gp() != null) {
            for (int b = 0; b < bands; b++) {
                double[][] p = predictBand(lc, fit, b, grid);
                mag[b] = p[0];
                sd[b] = p[1];
            }
        }
        return new Dense(lc, grid, mag, sd, fit, limitingMag(lc));
    }

    /** {@code m_lim}: the override, else the faintest detection plus 0.5 mag. */
    public double limitingMag(TransientLightCurve lc) {
        if (!Double.isNaN(limitOverride)) {
            return limitOverride;
        }
        double faintest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lc.size(); i++) {
            if (lc.detected()[i]) {
                faintest = Math.max(faintest, lc.mag()[i]);
            }
        }
        return faintest + 0.5;
    }

    private static double referenceTime(TransientLightCurve lc) {
        int best = -1;
        for (int i = 0; i < lc.size(); i++) {
            if (lc.detected()[i] && (best < 0 || lc.mag()[i] < lc.mag()[best])) {
                best = i;
            }
        }
        return lc.time()[best];
    }

    private double coordinate(TransientLightCurve lc, int b) {
        return axis == BandAxis.INDEX ? b : lc.bands().get(b).wavelength() / 1000;
    }
}
