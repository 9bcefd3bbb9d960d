package astrograd.inference.hmc;

import astrograd.inference.Draws;
import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One chain of an {@link HmcSampler} run: start, warm-up with adaptation, sampling, and the record of both. */
final class ChainRunner {
    private final HmcSampler s;
    private final Model model;
    private final int index;
    private final Rng rng;
    private final int dim;

    ChainRunner(HmcSampler sampler, int index, Rng rng) {
        this.s = sampler;
        this.model = sampler.model;
        this.index = index;
        this.rng = rng;
        this.dim = model.dim();
    }

    /** Runs the chain from {@code initial} (constrained space) or, if null, from a random point. */
    HmcChain run(double[] initial) {
        ModelTarget target = new ModelTarget(model);
        PhasePoint state = new PhasePoint(dim);
        Rng initRng = rng.split();
        if (initial == null) {
            randomStart(target, state, initRng);
        } else {
            givenStart(target, state, initial);
        }
        Hamiltonian ham = new Hamiltonian(target, Metric.unit(dim));
        Transition kernel = s.algorithm == HmcSampler.Algorithm.NUTS
                ? new NutsTransition(ham, s.maxTreeDepth, HmcSampler.MAX_DELTA_H)
                : new StaticTransition(ham, s.integrationTime, 1 << s.maxTreeDepth, HmcSampler.MAX_DELTA_H);
        Record rec = new Record(s.warmup + s.draws);
        double eps = s.stepSize;
        if (s.warmup > 0) {
            eps = warmUp(ham, kernel, state, rec, eps);
        }
        Transition.Step step = new Transition.Step(dim);
        for (int it = s.warmup; it < s.warmup + s.draws; it++) {
            double used = jitter(eps);
            kernel.transition(state, used, eps, rng, step);
            rec.add(it, state, step, used);
        }
        return finish(rec, eps, ham.metric(), target);
    }

    /** The warm-up iterations; returns the adapted step size {@code exp(x̄)}. */
    private double warmUp(Hamiltonian ham, Transition kernel, PhasePoint state, Record rec, double eps) {
        DualAveraging averaging = new DualAveraging(s.targetAccept, eps);
        MetricAdaptation metricAdaptation = s.metricKind == MetricKind.UNIT ? null : new MetricAdaptation(
                s.metricKind, dim, new AdaptationWindows(s.warmup, s.initBuffer, s.termBuffer, s.baseWindow));
        eps = StepSizeSearch.find(ham, state, eps, rng);
        Transition.Step step = new Transition.Step(dim);
        for (int it = 0; it < s.warmup; it++) {
            double used = jitter(eps);
            kernel.transition(state, used, eps, rng, step);
            rec.add(it, state, step, used);
            eps = averaging.learn(step.acceptStat);
            Metric updated = metricAdaptation == null ? null : metricAdaptation.learn(state.q);
            if (updated != null) {
                ham.setMetric(updated);
                eps = StepSizeSearch.find(ham, state, eps, rng);
                averaging.restart(eps);
            }
        }
        return averaging.finalStepSize();
    }

    private double jitter(double eps) {
        return s.stepSizeJitter == 0 ? eps : eps * (1 + s.stepSizeJitter * (2 * rng.nextDouble() - 1));
    }

    private void randomStart(ModelTarget target, PhasePoint state, Rng initRng) {
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

    private void givenStart(ModelTarget target, PhasePoint state, double[] initial) {
        double[] u = model.toUnconstrained(Tensor.of(initial.clone(), 1, dim)).contiguous().toDoubleArray();
        System.arraycopy(u, 0, state.q, 0, dim);
        state.logDensity = target.logDensityGradient(state.q, state.grad);
        if (state.logDensity == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("hmc: chain " + index + ": the log-density or its gradient is not finite"
                    + " at the starting point " + Arrays.toString(initial));
        }
    }

    private HmcChain finish(Record rec, double eps, Metric metric, ModelTarget target) {
        int w = s.warmup;
        int n = s.draws;
        double[] all = model.toConstrained(Tensor.of(rec.q, w + n, dim)).contiguous().toDoubleArray();
        Draws draws = new Draws(Arrays.copyOfRange(all, w * dim, (w + n) * dim), 1, n, model.names());
        Draws warmDraws = w == 0 ? null
                : new Draws(Arrays.copyOfRange(all, 0, w * dim), 1, w, model.names());
        List<Divergence> divergences = new ArrayList<>();
        for (int k = 0; k < rec.divergentIterations.size(); k++) {
            int it = rec.divergentIterations.get(k);
            double[] at = model.toConstrained(Tensor.of(rec.divergentPoints.get(k), 1, dim)).contiguous()
                    .toDoubleArray();
            double[] position = Arrays.copyOfRange(all, it * dim, (it + 1) * dim);
            divergences.add(new Divergence(index, it < w ? it : it - w, it < w, position, at));
        }
        return new HmcChain(index, draws, warmDraws, rec.stats(w, n, false), rec.stats(w, n, true), divergences, eps,
                metric, target.evaluations(), target.nonFinite());
    }

    /** Every iteration's position (unconstrained) and statistics, warm-up first. */
    private final class Record {
        final double[] q;
        final SamplerStats all;
        final List<Integer> divergentIterations = new ArrayList<>();
        final List<double[]> divergentPoints = new ArrayList<>();

        Record(int iterations) {
            q = new double[iterations * dim];
            all = SamplerStats.allocate(iterations);
        }

        void add(int it, PhasePoint state, Transition.Step step, double stepSize) {
            System.arraycopy(state.q, 0, q, it * dim, dim);
            all.acceptStat()[it] = step.acceptStat;
            all.stepSize()[it] = stepSize;
            all.treeDepth()[it] = step.treeDepth;
            all.nLeapfrog()[it] = step.nLeapfrog;
            all.divergent()[it] = step.divergent;
            all.saturated()[it] = step.saturated;
            all.energy()[it] = step.energy;
            all.logDensity()[it] = state.logDensity;
            if (step.divergent) {
                divergentIterations.add(it);
                divergentPoints.add(step.divergentAt.clone());
            }
        }

        /** The statistics of warm-up ({@code warm}) or of the draws. */
        SamplerStats stats(int warmup, int draws, boolean warm) {
            int from = warm ? 0 : warmup;
            int to = warm ? warmup : warmup + draws;
            return new SamplerStats(slice(all.acceptStat(), from, to), slice(all.stepSize(), from, to),
                    Arrays.copyOfRange(all.treeDepth(), from, to),
                    Arrays.copyOfRange(all.nLeapfrog(), from, to),
                    Arrays.copyOfRange(all.divergent(), from, to),
                    Arrays.copyOfRange(all.saturated(), from, to), slice(all.energy(), from, to),
                    slice(all.logDensity(), from, to));
        }

        private double[] slice(double[] a, int from, int to) {
            return Arrays.copyOfRange(a, from, to);
        }
    }
}
