package astrograd.inference.gp;

import astrograd.inference.optim.BoundedLbfgs;
import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits the hyperparameters {@code θ = (ln σ_f², ln ℓ_t, ln ℓ_λ)} of a {@link TimeWavelengthGp} by maximising the log
 * marginal likelihood with {@link BoundedLbfgs} inside box bounds, from a given start and {@code restarts − 1} more
 * drawn uniformly in the box (restart {@code r} draws from {@code Rng(seed).fold(r)}); the best finite optimum wins.
 * Failures are reported, never hidden: {@link Status#FAILED} when no start gave a finite likelihood,
 * {@link Status#NOT_CONVERGED} when the best run stopped without converging, and {@link Fit#atBounds()} lists the
 * hyperparameters that ended on a bound (the optimum may lie outside the box). {@link #fitAll} fits many objects in
 * parallel on the engine pool; the result for each object does not depend on the thread count.
 */
public final class GpFitter {
    /** Outcome of a fit. */
    public enum Status { OK, NOT_CONVERGED, FAILED }

    /**
     * The fitted GP (null when FAILED), its θ and log marginal likelihood, the status, the indices of θ on a bound,
     * the number of starts that reached a finite optimum, and a message for failures.
     */
    public record Fit(TimeWavelengthGp gp, double[] theta, double logLikelihood, Status status, int[] atBounds,
                      int goodStarts, String message) {
    }

    private final TimeWavelengthGp.TimeKernel kernel;
    private final double[] lo;
    private final double[] hi;
    private final int restarts;
    private final long seed;
    private final BoundedLbfgs optimizer = new BoundedLbfgs(10, 200, 1e-5, 1e-10);
    private boolean autodiff;

    /** Bounds on θ (equal bounds fix a hyperparameter, e.g. the amplitude at ln var(y)), starts, seed. */
    public GpFitter(TimeWavelengthGp.TimeKernel kernel, double[] lo, double[] hi, int restarts, long seed) {
        if (lo.length != 3 || hi.length != 3 || restarts < 1) {
            throw new IllegalArgumentException("GpFitter: need 3 lower and 3 upper bounds and restarts >= 1");
        }
        for (int i = 0; i < 3; i++) {
            if (!(lo[i] <= hi[i]) || !Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
                throw new IllegalArgumentException("GpFitter: bound " + i + " is [" + lo[i] + ", " + hi[i] + "]");
            }
        }
        this.kernel = kernel;
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.restarts = restarts;
        this.seed = seed;
    }

    /**
     * Whether the optimiser takes the gradient from autodiff through the engine's Cholesky (true) or from the
     * direct double-loop formula (false, the default: the same numbers several times faster on small matrices).
     */
    public GpFitter useAutodiff(boolean on) {
        this.autodiff = on;
        return this;
    }

    public TimeWavelengthGp.TimeKernel kernel() {
        return kernel;
    }

    public double[] lower() {
        return lo.clone();
    }

    public double[] upper() {
        return hi.clone();
    }

    /** Fits one data set from {@code start} and the random restarts. */
    public Fit fit(TimeWavelengthGp.Data data, double[] start) {
        BoundedLbfgs.Objective negLml = (x, g) -> {
            double[] v = autodiff ? TimeWavelengthGp.logMarginalLikelihoodAndGradient(data, kernel, x)
                    : TimeWavelengthGp.logMarginalLikelihoodAndGradientDirect(data, kernel, x);
            for (int i = 0; i < 3; i++) {
                g[i] = -v[i + 1];
            }
            return -v[0];
        };
        Rng rng = new Rng(seed);
        BoundedLbfgs.Result best = null;
        int good = 0;
        List<String> notes = new ArrayList<>();
        for (int r = 0; r < restarts; r++) {
            double[] x0 = r == 0 ? start.clone() : randomStart(rng.fold(r));
            BoundedLbfgs.Result res = optimizer.minimize(negLml, x0, lo, hi);
            if (!Double.isFinite(res.value())) {
                notes.add("start " + r + ": " + res.status());
                continue;
            }
            good++;
            if (best == null || res.value() < best.value()) {
                best = res;
            }
        }
        if (best == null) {
            return new Fit(null, null, Double.NEGATIVE_INFINITY, Status.FAILED, new int[0], 0,
                    "no start reached a finite log likelihood (" + String.join(", ", notes) + ")");
        }
        Status status = best.status() == BoundedLbfgs.Status.CONVERGED ? Status.OK : Status.NOT_CONVERGED;
        String message = status == Status.OK ? "" : "best start ended with " + best.status();
        int[] bounds = Arrays.stream(best.atBounds(lo, hi)).filter(i -> lo[i] < hi[i]).toArray();
        try {
            return new Fit(new TimeWavelengthGp(data, kernel, best.x()), best.x(), -best.value(), status, bounds, good,
                    message);
        } catch (ArithmeticException e) {
            return new Fit(null, best.x(), -best.value(), Status.FAILED, bounds, good, e.getMessage());
        }
    }

    /** Fits every data set in parallel on the engine pool; {@code starts[i]} is object i's first start. */
    public Fit[] fitAll(List<TimeWavelengthGp.Data> data, List<double[]> starts) {
        if (data.size() != starts.size()) {
            throw new IllegalArgumentException("GpFitter.fitAll: " + data.size() + " data sets, " + starts.size()
                    + " starts");
        }
        Fit[] out = new Fit[data.size()];
        EnginePool.parallelFor(data.size(), 1, (s, e) -> {
            for (int i = s; i < e; i++) {
                try {
                    out[i] = fit(data.get(i), starts.get(i));
                } catch (RuntimeException ex) {
                    out[i] = new Fit(null, null, Double.NEGATIVE_INFINITY, Status.FAILED, new int[0], 0, ex.toString());
                }
            }
        });
        return out;
    }

    private double[] randomStart(Rng rng) {
        double[] x = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = lo[i] + rng.nextDouble() * (hi[i] - lo[i]);
        }
        return x;
    }
}
