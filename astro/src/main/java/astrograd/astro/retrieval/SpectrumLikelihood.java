package astrograd.astro.retrieval;

import astrograd.autodiff.Var;
import astrograd.inference.model.LogDensity;
import astrograd.inference.model.Model;
import astrograd.tensor.Tensor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * HOMER's likelihood (Himes et al. 2022): {@code ln L(θ) = −χ²/2}, {@code χ² = Σ_b ((d_b − m_b(θ))/σ_b)²}, for a
 * forward model or emulator {@code m}, with a uniform box prior; a row outside the box reads −∞ <em>without</em>
 * evaluating {@code m}. Rows of a batch are evaluated in order on the calling thread (one chain's cost is one
 * evaluation). Not differentiable (the constant it returns has no graph): use it with the gradient-free samplers.
 * Counts the forward evaluations and the nanoseconds spent in them.
 */
public final class SpectrumLikelihood implements LogDensity {
    private final ObservedSpectrum data;
    private final PriorBox prior;
    private final Function<double[], double[]> forward;
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    public SpectrumLikelihood(ObservedSpectrum data, PriorBox prior, Function<double[], double[]> forward) {
        this.data = data;
        this.prior = prior;
        this.forward = forward;
    }

    /** The posterior: uniform priors of {@code prior} and this likelihood. */
    public static Model model(ObservedSpectrum data, PriorBox prior, Function<double[], double[]> forward) {
        return prior.modelBuilder().likelihood(new SpectrumLikelihood(data, prior, forward)).build();
    }

    /** {@code −χ²/2} of one point, −∞ outside the box (not evaluated). */
    public double logLikelihood(double[] theta) {
        if (!prior.contains(theta)) {
            return Double.NEGATIVE_INFINITY;
        }
        long t0 = System.nanoTime();
        double[] m = forward.apply(theta);
        nanos.addAndGet(System.nanoTime() - t0);
        evaluations.incrementAndGet();
        return -0.5 * data.chiSquare(m);
    }

    @Override
    public Var apply(Var theta) {
        Tensor v = theta.value();
        int w = v.size(0);
        int d = v.size(1);
        if (d != prior.dim()) {
            throw new IllegalArgumentException("retrieval likelihood: points have " + d + " parameters, the prior "
                    + prior.dim());
        }
        double[] flat = v.contiguous().toDoubleArray();
        double[] lp = new double[w];
        double[] row = new double[d];
        for (int i = 0; i < w; i++) {
            System.arraycopy(flat, i * d, row, 0, d);
            lp[i] = logLikelihood(row);
        }
        return Var.constant(Tensor.of(lp));
    }

    /** Forward evaluations so far (rows outside the box are not counted). */
    public long evaluations() {
        return evaluations.get();
    }

    /** Mean wall-clock time per forward evaluation (ms), NaN before the first. */
    public double msPerEvaluation() {
        long n = evaluations.get();
        return n == 0 ? Double.NaN : nanos.get() / 1e6 / n;
    }
}
