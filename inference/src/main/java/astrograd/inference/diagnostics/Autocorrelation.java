package astrograd.inference.diagnostics;

import astrograd.inference.stats.Fft;
import java.util.logging.Logger;

/**
 * emcee's integrated autocorrelation time (Goodman &amp; Weare 2010; Sokal's automatic window): the normalized
 * autocorrelation {@code ρₖ(t)} of each walker by FFT, averaged over walkers, {@code ρ̄(t)};
 * {@code τ(M) = 2 Σ_{t=0}^{M} ρ̄(t) − 1}; the window is the first M with {@code M >= c·τ(M)} (c = 5), else the
 * last lag; τ = τ(M). A warning (never an exception) is attached when {@code N < tol·τ} (tol = 50).
 *
 * <p>A constant (stuck) walker has no autocorrelation function; it is given {@code ρ(t) = 1} for every t, the
 * limit of perfect correlation, so it raises τ rather than producing NaN. When every walker is constant, τ = +∞.
 */
public final class Autocorrelation {
    private static final Logger LOG = Logger.getLogger(Autocorrelation.class.getName());
    public static final double DEFAULT_C = 5;
    public static final double DEFAULT_TOL = 50;

    private Autocorrelation() {
    }

    /** The normalized autocorrelation {@code γ(t)/γ(0)} of one series (all ones for a constant series). */
    public static double[] function(double[] x) {
        double[] acov = Fft.autocovariance(x);
        double[] rho = new double[x.length];
        if (!(acov[0] > 0)) {
            java.util.Arrays.fill(rho, 1);
            return rho;
        }
        for (int t = 0; t < x.length; t++) {
            rho[t] = acov[t] / acov[0];
        }
        return rho;
    }

    /** τ of the walkers' series {@code [W][N]} with c = 5 and tol = 50; a warning is logged and returned. */
    public static AutocorrelationTime integratedTime(double[][] walkers) {
        return integratedTime(walkers, DEFAULT_C, DEFAULT_TOL, false);
    }

    /**
     * τ of the walkers' series {@code [W][N]}.
     *
     * @param c     window factor (Sokal's c)
     * @param tol   a warning when {@code N < tol·τ}
     * @param quiet no log message (the warning is still in the result)
     */
    public static AutocorrelationTime integratedTime(double[][] walkers, double c, double tol, boolean quiet) {
        checkSeries(walkers);
        if (!(c > 0) || !(tol >= 0)) {
            throw new IllegalArgumentException("integratedTime: need c > 0 and tol >= 0, got c = " + c + ", tol = " + tol);
        }
        int w = walkers.length;
        int n = walkers[0].length;
        double[] mean = new double[n];
        boolean allConstant = true;
        for (double[] series : walkers) {
            double[] rho = function(series);
            allConstant &= isConstant(series);
            for (int t = 0; t < n; t++) {
                mean[t] += rho[t] / w;
            }
        }
        if (allConstant) {
            return finish(new AutocorrelationTime(Double.POSITIVE_INFINITY, 0, n, w,
                    "every walker is constant (stuck): the autocorrelation time is infinite"), quiet);
        }
        double sum = 0;
        int window = n - 1;
        double tau = Double.NaN;
        for (int m = 0; m < n; m++) {
            sum += mean[m];
            tau = 2 * sum - 1;
            if (m >= c * tau) {
                window = m;
                break;
            }
        }
        String warning = null;
        if (n < tol * tau) {
            warning = String.format("the chain is shorter than %.0f times the integrated autocorrelation time "
                    + "(N = %d, tau = %.4g, N/%.0f = %.4g): run longer before trusting tau", tol, n, tau, tol, n / tol);
        }
        return finish(new AutocorrelationTime(tau, window, n, w, warning), quiet);
    }

    /** τ of a single series. */
    public static AutocorrelationTime integratedTime(double[] series) {
        return integratedTime(new double[][] {series});
    }

    private static AutocorrelationTime finish(AutocorrelationTime t, boolean quiet) {
        if (t.warning() != null && !quiet) {
            LOG.warning("integrated autocorrelation time: " + t.warning());
        }
        return t;
    }

    static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    private static void checkSeries(double[][] walkers) {
        if (walkers.length == 0 || walkers[0].length == 0) {
            throw new IllegalArgumentException("integratedTime: need at least one walker with at least one step");
        }
        for (double[] s : walkers) {
            if (s.length != walkers[0].length) {
                throw new IllegalArgumentException("integratedTime: walkers have different lengths (" + s.length
                        + " vs " + walkers[0].length + ")");
            }
            for (double v : s) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("integratedTime: series holds " + v);
                }
            }
        }
    }
}
