package astrograd.inference.sbi;

import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/** A stochastic simulator: one output row {@code [n, F]} (float64) per parameter row θ {@code [n, D]}. */
@FunctionalInterface
public interface Simulator {
    Tensor simulate(Tensor theta, Rng rng);
}
