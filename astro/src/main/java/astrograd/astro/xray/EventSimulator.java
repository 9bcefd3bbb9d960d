package astrograd.astro.xray;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.util.Arrays;

/** Simulated photon arrival times: a homogeneous Poisson process, and Poisson counts from a binned rate. */
public final class EventSimulator {
    private EventSimulator() {
    }

    /**
     * A homogeneous Poisson process of {@code rate} events per second on {@code [t0, t1)}: exponential gaps
     * {@code −ln(1 − u)/rate}.
     */
    public static double[] poissonProcess(double rate, double t0, double t1, Rng rng) {
        if (!(rate >= 0) || !Double.isFinite(rate) || !(t1 > t0)) {
            throw new IllegalArgumentException("EventSimulator.poissonProcess: need rate >= 0 and t1 > t0, got rate "
                    + rate + " on [" + t0 + ", " + t1 + ")");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, rate * (t1 - t0) + 10 * Math.sqrt(rate * (t1 - t0)) + 16);
        double[] out = new double[capacity];
        int n = 0;
        if (rate == 0) {
            return new double[0];
        }
        double t = t0;
        while (true) {
            t += -Math.log1p(-rng.nextDouble()) / rate;
            if (t >= t1) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, 2L * out.length));
            }
            out[n++] = t;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Events from a binned expected count: bin k (of width {@code dt}, starting at {@code t0 + k dt}) holds
     * {@code Poisson(lambda_k)} events, each placed at the bin start (as DeadTimeSBI does, so events are quantised
     * to the grid) or, with {@code jitter}, uniformly inside the bin and sorted.
     *
     * @param lambda expected counts per bin, each finite and ≥ 0
     */
    public static double[] fromBinnedRate(double[] lambda, double t0, double dt, boolean jitter, Rng rng) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("EventSimulator.fromBinnedRate: dt must be > 0, got " + dt);
        }
        int n = lambda.length;
        double[] u = rng.uniform(DType.F64, 0, 1, Math.max(n, 1)).toDoubleArray();
        long[] counts = new long[n];
        long total = 0;
        for (int k = 0; k < n; k++) {
            double m = lambda[k];
            if (!(m >= 0) || !Double.isFinite(m)) {
                throw new IllegalArgumentException("EventSimulator.fromBinnedRate: bin " + k + " has expected count "
                        + m + " (need finite and >= 0)");
            }
            counts[k] = m < 10 ? Poisson.inversion(m, u[k]) : Poisson.sample(m, rng);
            total += counts[k];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("EventSimulator.fromBinnedRate: " + total + " events do not fit one array");
        }
        double[] times = new double[(int) total];
        int j = 0;
        for (int k = 0; k < n; k++) {
            double start = t0 + k * dt;
            for (long c = 0; c < counts[k]; c++) {
                times[j++] = jitter ? start + dt * rng.nextDouble() : start;
            }
        }
        if (jitter) {
            Arrays.sort(times);
        }
        return times;
    }
}
