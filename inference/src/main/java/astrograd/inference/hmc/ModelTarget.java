package astrograd.inference.hmc;

import astrograd.inference.model.Evaluation;
import astrograd.inference.model.Model;
import astrograd.inference.model.Space;
import astrograd.tensor.Tensor;

/**
 * A {@link Model}'s log-density in unconstrained space (with the bijections' log-Jacobians) and its gradient by
 * autodiff, evaluated as a batch of one; counts gradient evaluations and non-finite points. One per chain (the
 * counters are not shared between threads).
 */
final class ModelTarget implements Target {
    private final Model model;
    private long evaluations;
    private long nonFinite;

    ModelTarget(Model model) {
        this.model = model;
    }

    @Override
    public int dim() {
        return model.dim();
    }

    @Override
    public double logDensityGradient(double[] q, double[] grad) {
        return take(model.evaluateWithGradient(Tensor.of(q, 1, q.length), Space.UNCONSTRAINED), 0, grad);
    }

    /**
     * Evaluates {@code points[0..n)} (one per chain, all of the same model) as one batch {@code [n, D]}: one forward
     * and one backward pass for all of them. Each point gets its log-density and gradient, and is counted by its own
     * chain's {@code targets[k]}. Rows are independent, so each point gets what it would get alone.
     */
    static void evaluateTogether(Model model, PhasePoint[] points, ModelTarget[] targets, int n) {
        int d = model.dim();
        double[] flat = new double[n * d];
        for (int k = 0; k < n; k++) {
            System.arraycopy(points[k].q, 0, flat, k * d, d);
        }
        Evaluation e = model.evaluateWithGradient(Tensor.of(flat, n, d), Space.UNCONSTRAINED);
        for (int k = 0; k < n; k++) {
            points[k].logDensity = targets[k].take(e, k, points[k].grad);
        }
    }

    /** Row {@code row} of {@code e}: counts it, copies its gradient into {@code grad}, returns its log-density. */
    private double take(Evaluation e, int row, double[] grad) {
        evaluations++;
        nonFinite += e.nonFiniteRows()[row] ? 1 : 0;
        System.arraycopy(e.gradient()[row], 0, grad, 0, grad.length);
        return e.logDensity()[row];
    }

    /** Restores the counters of a checkpointed chain. */
    void restoreCounters(long evaluations, long nonFinite) {
        this.evaluations = evaluations;
        this.nonFinite = nonFinite;
    }

    /** Gradient evaluations so far. */
    long evaluations() {
        return evaluations;
    }

    /** Points whose log-density or gradient was NaN or infinite (other than a plain −∞). */
    long nonFinite() {
        return nonFinite;
    }
}
