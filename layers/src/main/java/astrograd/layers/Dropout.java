package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * Inverted dropout: in training each element is kept with probability {@code 1 − p} and scaled,
 * {@code y = x · m / (1 − p)} with {@code m ~ Bernoulli(1 − p)} ({@link Rng#dropoutMask}), so that
 * {@code E[y] = x}; in evaluation
 * {@code y = x}. With {@code p = 1} every element is dropped ({@code y = 0}). Masks come from this
 * layer's own stream, split from the Rng given to the constructor.
 *
 * @see SpatialDropout for masks over whole channels
 */
public final class Dropout extends Module implements Layer {
    private final double p;

    public Dropout(double p, Rng rng) {
        this.p = checkRate("Dropout", p);
        stream("mask", rng.split());
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public Var forward(Var x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        return applyMask(x, x.value().shape(), p, stream("mask"));
    }

    @Override
    protected String describe() {
        return "p=" + p;
    }

    /** {@code x · m / (1 − p)} with a Bernoulli(1 − p) keep mask of {@code maskShape} (broadcast against x). */
    static Var applyMask(Var x, int[] maskShape, double p, Rng rng) {
        Tensor keep = rng.dropoutMask(x.value().device(), x.value().dtype(), p, maskShape);
        return x.mul(Var.constant(keep));
    }

    static double checkRate(String layer, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(layer + ": drop probability must be in [0, 1], got " + p);
        }
        return p;
    }
}
