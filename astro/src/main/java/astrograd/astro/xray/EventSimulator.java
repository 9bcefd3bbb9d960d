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
     * {@code Poisson(lambda_k)} events, independently, each placed at the bin start (as DeadTimeSBI does, so events
     * are quantised to the grid) or, with {@code jitter}, uniformly inside the bin. Drawn by the time change of a
     * Poisson process: unit-rate arrivals {@code E_1 < E_2 < …} (exponential gaps) fall in bin k when
     * {@code Λ_{k−1} ≤ E_j < Λ_k}, {@code Λ_k = Σ_{i≤k} λ_i}, and sit at {@code (E_j − Λ_{k−1})/λ_k} of the bin. This
     * draws one uniform per event instead of one per bin. Times come out sorted.
     *
     * @param lambda expected counts per bin, each finite and ≥ 0
     */
    public static double[] fromBinnedRate(double[] lambda, double t0, double dt, boolean jitter, Rng rng) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("EventSimulator.fromBinnedRate: dt must be > 0, got " + dt);
        }
        double total = 0;
        for (int k = 0; k < lambda.length; k++) {
            if (!(lambda[k] >= 0) || !Double.isFinite(lambda[k])) {
                throw new IllegalArgumentException("EventSimulator.fromBinnedRate: bin " + k + " has expected count "
                        + lambda[k] + " (need finite and >= 0)");
            }
            total += lambda[k];
        }
        if (total > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("EventSimulator.fromBinnedRate: " + total
                    + " expected events do not fit one array");
        }
        Uniforms u = new Uniforms(rng, (int) Math.min(1 << 16, total + 6 * Math.sqrt(total) + 64));
        double[] times = new double[(int) (total + 6 * Math.sqrt(total) + 64)];
        int n = 0;
        double next = -Math.log1p(-u.next());
        double cum = 0;
        for (int k = 0; k < lambda.length; k++) {
            double end = cum + lambda[k];
            while (next < end) {
                if (n == times.length) {
                    times = Arrays.copyOf(times, (int) Math.min(Integer.MAX_VALUE - 8, 2L * times.length));
                }
                times[n++] = jitter ? t0 + (k + (next - cum) / lambda[k]) * dt : t0 + k * dt;
                next += -Math.log1p(-u.next());
            }
            cum = end;
        }
        return Arrays.copyOf(times, n);
    }

    /** Uniforms on [0, 1) from an Rng, filled a block at a time. */
    private static final class Uniforms {
        private final Rng rng;
        private final int block;
        private double[] buffer = new double[0];
        private int at;

        Uniforms(Rng rng, int block) {
            this.rng = rng;
            this.block = Math.max(block, 16);
        }

        double next() {
            if (at == buffer.length) {
                buffer = rng.uniform(DType.F64, 0, 1, block).toDoubleArray();
                at = 0;
            }
            return buffer[at++];
        }
    }
}
