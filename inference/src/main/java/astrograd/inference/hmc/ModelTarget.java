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
        Evaluation e = model.evaluateWithGradient(Tensor.of(q, 1, q.length), Space.UNCONSTRAINED);
        evaluations++;
        nonFinite += e.nonFinite();
        System.arraycopy(e.gradient()[0], 0, grad, 0, grad.length);
        return e.logDensity()[0];
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
