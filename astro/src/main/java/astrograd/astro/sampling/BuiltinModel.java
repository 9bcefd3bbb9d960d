package astrograd.astro.sampling;

import astrograd.inference.ensemble.Initializer;
import astrograd.inference.model.Model;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * A built-in posterior with where to start: starts are {@code f(u₀ + s ⊙ ε)}, {@code ε ~ N(0, I)}, a ball in
 * unconstrained space mapped by the model's bijections (so every start is inside the support).
 *
 * @param name        the name on the command line
 * @param description one line for the help and the output
 * @param model       the posterior
 * @param center      {@code u₀}, unconstrained
 * @param scale       {@code s}, unconstrained
 * @param truth       values to mark on the corner plot (constrained), or null when there are none
 */
public record BuiltinModel(String name, String description, Model model, double[] center, double[] scale,
        double[] truth) {

    /** Starts in a ball around {@link #center} in unconstrained space. */
    public Initializer initializer() {
        double[] c = center.clone();
        double[] s = scale.clone();
        return (e, n, m, rng) -> {
            Tensor eps = rng.randn(DType.F64, n, c.length);
            return m.toConstrained(eps.mul(Tensor.of(s)).add(Tensor.of(c)));
        };
    }

    public int dim() {
        return model.dim();
    }
}
