package astrograd.inference.uq;

import astrograd.tensor.Tensor;

/**
 * A model whose forward pass gives one Gaussian per input row. A stochastic model (Monte-Carlo dropout, a
 * variational network) gives a different Gaussian on every pass; a deterministic one (a deep-ensemble member) the
 * same. {@link Predictive} combines passes of several such models into a {@link PredictiveMixture}.
 */
@FunctionalInterface
public interface GaussianModel {
    /** One forward pass over inputs {@code [N, F]}, without a graph. */
    Gaussians pass(Tensor x);
}
