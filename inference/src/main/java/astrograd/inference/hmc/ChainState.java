package astrograd.inference.hmc;

import astrograd.inference.Draws;
import astrograd.inference.io.Checkpoint;
import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One chain of an {@link HmcSampler} run, advanced an iteration at a time: its start, warm-up with adaptation,
 * sampling and the record of both, and everything a checkpoint needs to continue it bit for bit.
 *
 * <p>Each iteration: a transition at the current step size; in warm-up, the step size learns from its accept
 * statistic and, at the end of each slow window, the metric is re-estimated, a first step size is searched again and
 * dual averaging restarts around it; the last warm-up iteration sets the step size to {@code exp(x̄)}.
 */
final class ChainState {
    private final HmcSampler s;
    private final Model model;
    private final int index;
    private final Rng rng;
    private final int dim;
    private final ModelTarget target;
    private final PhasePoint state;
    private final Hamiltonian ham;
    private final Transition kernel;
    private final Transition.Step step;
    private final ChainRecord rec;
    private final DualAveraging averaging;
    private final MetricAdaptation metricAdaptation;
    private double eps;
    private double usedStepSize;
    private int iteration;

    private ChainState(HmcSampler sampler, int index, Rng rng, ChainRecord rec) {
        this.s = sampler;
        this.model = sampler.model;
        this.index = index;
        this.rng = rng;
        this.dim = model.dim();
        this.target = new ModelTarget(model);
        this.state = new PhasePoint(dim);
        this.ham = new Hamiltonian(target, Metric.unit(dim));
        this.kernel = s.algorithm == HmcSampler.Algorithm.NUTS
                ? new NutsTransition(ham, s.maxTreeDepth, HmcSampler.MAX_DELTA_H)
                : new StaticTransition(ham, s.integrationTime, 1 << s.maxTreeDepth, HmcSampler.MAX_DELTA_H);
        this.step = new Transition.Step(dim);
        this.rec = rec;
        this.eps = s.stepSize;
        this.averaging = s.warmup > 0 ? new DualAveraging(s.targetAccept, s.stepSize) : null;
        this.metricAdaptation = s.warmup == 0 || s.metricKind == MetricKind.UNIT ? null : new MetricAdaptation(
                s.metricKind, dim, new AdaptationWindows(s.warmup, s.initBuffer, s.termBuffer, s.baseWindow));
    }

    /**
     * Chain {@code index} at its starting point {@code initial} (constrained space) or, if null, at a random one
     * drawn from the first split of {@code rng}; with warm-up, the first step size is searched from there.
     */
    static ChainState start(HmcSampler sampler, int index, Rng rng, double[] initial) {
        ChainState c = new ChainState(sampler, index, rng, new ChainRecord(sampler.warmup + sampler.draws,
                sampler.model.dim()));
        Rng initRng = rng.split();
        if (initial == null) {
            c.randomStart(initRng);
        } else {
            c.givenStart(initial);
        }
        if (sampler.warmup > 0) {
            c.eps = StepSizeSearch.find(c.ham, c.state, c.eps, rng);
        }
        return c;
    }

    /** Iterations done (warm-up included). */
    int iteration() {
        return iteration;
    }

    boolean done() {
        return iteration == s.warmup + s.draws;
    }

    /** Runs up to {@code n} more iterations (fewer at the end of the run). */
    void advance(long n) {
        for (long k = 0; k < n && !done(); k++) {
            iterate();
        }
    }

    private void iterate() {
        for (PhasePoint z = beginIteration(); z != null; z = continueIteration()) {
            ham.evaluate(z);
        }
    }

    /**
     * Starts the next iteration's transition. Returns the point whose log-density and gradient it needs next
     * (to be set by the caller, then {@link #continueIteration}), or null if the iteration finished without one.
     */
    PhasePoint beginIteration() {
        usedStepSize = jitter(eps);
        return endIfFinished(kernel.begin(state, usedStepSize, eps, rng, step));
    }

    /** Continues the iteration after its pending point was evaluated: the next point, or null when finished. */
    PhasePoint continueIteration() {
        return endIfFinished(kernel.resume());
    }

    /** The target that evaluates and counts this chain's points. */
    ModelTarget target() {
        return target;
    }

    private PhasePoint endIfFinished(PhasePoint pending) {
        if (pending == null) {
            rec.add(iteration, state, step, usedStepSize);
            if (iteration < s.warmup) {
                adapt();
            }
            iteration++;
        }
        return pending;
    }

    private void adapt() {
        eps = averaging.learn(step.acceptStat);
        Metric updated = metricAdaptation == null ? null : metricAdaptation.learn(state.q);
        if (updated != null) {
            ham.setMetric(updated);
            eps = StepSizeSearch.find(ham, state, eps, rng);
            averaging.restart(eps);
        }
        if (iteration == s.warmup - 1) {
            eps = averaging.finalStepSize();
        }
    }

    private double jitter(double eps) {
        return s.stepSizeJitter == 0 ? eps : eps * (1 + s.stepSizeJitter * (2 * rng.nextDouble() - 1));
    }

    private void randomStart(Rng initRng) {
        for (int attempt = 0; attempt < HmcSampler.MAX_INIT_TRIES; attempt++) {
            for (int i = 0; i < dim; i++) {
                state.q[i] = s.initRadius * (2 * initRng.nextDouble() - 1);
            }
            state.logDensity = target.logDensityGradient(state.q, state.grad);
            if (state.logDensity != Double.NEGATIVE_INFINITY) {
                return;
            }
        }
        throw new IllegalStateException("hmc: chain " + index + ": no finite log-density and gradient at "
                + HmcSampler.MAX_INIT_TRIES + " random points in (-" + s.initRadius + ", " + s.initRadius + ")^" + dim
                + " of unconstrained space: give starting points");
    }

    private void givenStart(double[] initial) {
        double[] u = model.toUnconstrained(Tensor.of(initial.clone(), 1, dim)).contiguous().toDoubleArray();
        System.arraycopy(u, 0, state.q, 0, dim);
        state.logDensity = target.logDensityGradient(state.q, state.grad);
        if (state.logDensity == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("hmc: chain " + index + ": the log-density or its gradient is not finite"
                    + " at the starting point " + Arrays.toString(initial));
        }
    }

    /** The finished chain: draws in constrained space, statistics, divergences. */
    HmcChain finish() {
        if (!done()) {
            throw new IllegalStateException("hmc: chain " + index + " is at iteration " + iteration + " of "
                    + (s.warmup + s.draws));
        }
        int w = s.warmup;
        int n = s.draws;
        double[] all = model.toConstrained(Tensor.of(rec.q, w + n, dim)).contiguous().toDoubleArray();
        Draws draws = new Draws(Arrays.copyOfRange(all, w * dim, (w + n) * dim), 1, n, model.names());
        Draws warmDraws = w == 0 ? null : new Draws(Arrays.copyOfRange(all, 0, w * dim), 1, w, model.names());
        List<Divergence> divergences = new ArrayList<>();
        for (int k = 0; k < rec.divergentIterations.size(); k++) {
            int it = rec.divergentIterations.get(k);
            double[] at = model.toConstrained(Tensor.of(rec.divergentPoints.get(k), 1, dim)).contiguous()
                    .toDoubleArray();
            double[] position = Arrays.copyOfRange(all, it * dim, (it + 1) * dim);
            divergences.add(new Divergence(index, it < w ? it : it - w, it < w, position, at));
        }
        return new HmcChain(index, draws, warmDraws, rec.stats(w, w + n), rec.stats(0, w), divergences, eps,
                ham.metric(), target.evaluations(), target.nonFinite());
    }

    /** Writes the chain's whole state: stream, position, step size, metric, adaptation, counters and record. */
    void write(Checkpoint.Writer w) {
        w.putLong(rng.key()).putLong(rng.counter()).putLong(iteration);
        w.putDoubles(new double[] {eps, state.logDensity}).putDoubles(state.q).putDoubles(state.grad);
        boolean dense = ham.metric() instanceof DenseMetric;
        w.putLong(dense ? 1 : 0).putDoubles(metricValues(ham.metric(), dense));
        if (averaging != null) {
            w.putDoubles(averaging.state());
        }
        if (metricAdaptation != null) {
            w.putLongs(metricAdaptation.windowState()).putDoubles(metricAdaptation.estimatorState());
        }
        w.putLong(target.evaluations()).putLong(target.nonFinite());
        rec.write(w, iteration);
    }

    /** Reads what {@link #write} wrote, for chain {@code index} of {@code sampler}. */
    static ChainState read(HmcSampler sampler, int index, Checkpoint.Reader r) throws IOException {
        int d = sampler.model.dim();
        int total = sampler.warmup + sampler.draws;
        Rng rng = new Rng(r.getLong(), r.getLong());
        int iteration = (int) r.getLong(0, total, "iteration");
        double[] scalars = r.getDoubles(2, "step size and log-density");
        double[] q = r.getDoubles(d, "position");
        double[] grad = r.getDoubles(d, "gradient");
        boolean dense = r.getLong(0, 1, "metric kind") == 1;
        double[] metric = r.getDoubles(dense ? d * d : d, "metric");
        double[] averagingState = sampler.warmup > 0 ? r.getDoubles(4, "step-size adaptation") : null;
        boolean adapts = sampler.warmup > 0 && sampler.metricKind != MetricKind.UNIT;
        long[] window = adapts ? r.getLongs(3, "adaptation window") : null;
        double[] estimate = adapts ? r.getDoubles(WelfordEstimator.stateLength(d,
                sampler.metricKind == MetricKind.DENSE), "metric estimate") : null;
        long evaluations = r.getLong(0, Long.MAX_VALUE, "gradient evaluations");
        long nonFinite = r.getLong(0, Long.MAX_VALUE, "non-finite count");
        ChainState c = new ChainState(sampler, index, rng, ChainRecord.read(r, total, d, iteration));
        c.iteration = iteration;
        c.eps = scalars[0];
        c.state.logDensity = scalars[1];
        System.arraycopy(q, 0, c.state.q, 0, d);
        System.arraycopy(grad, 0, c.state.grad, 0, d);
        c.ham.setMetric(dense ? Metric.dense(rows(metric, d)) : Metric.diagonal(metric));
        if (averagingState != null) {
            c.averaging.restore(averagingState);
        }
        if (adapts) {
            c.metricAdaptation.restore(window, estimate);
        }
        c.target.restoreCounters(evaluations, nonFinite);
        return c;
    }

    /** {@code M⁻¹}: its diagonal, or all of it row by row when dense. */
    private static double[] metricValues(Metric m, boolean dense) {
        double[][] inverse = m.inverseMetric();
        int d = inverse.length;
        double[] out = new double[dense ? d * d : d];
        for (int i = 0; i < d; i++) {
            if (dense) {
                System.arraycopy(inverse[i], 0, out, i * d, d);
            } else {
                out[i] = inverse[i][i];
            }
        }
        return out;
    }

    private static double[][] rows(double[] flat, int d) {
        double[][] out = new double[d][];
        for (int i = 0; i < d; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }
}
