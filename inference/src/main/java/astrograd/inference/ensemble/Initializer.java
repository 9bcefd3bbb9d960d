package astrograd.inference.ensemble;

import astrograd.inference.model.Model;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/** Initial walker positions {@code [W, D]} (constrained space) for each ensemble of a run. */
@FunctionalInterface
public interface Initializer {

    /**
     * @param ensemble index of the ensemble
     * @param walkers  W
     * @param model    the model (for D and priors)
     * @param rng      a stream of this ensemble's own, used for nothing else
     */
    Tensor initial(int ensemble, int walkers, Model model, Rng rng);

    /** {@code center + scale ⊙ ε}, {@code ε ~ N(0, I)}: a small ball (emcee's usual start). */
    static Initializer ball(double[] center, double[] scale) {
        double[] c = center.clone();
        double[] s = scale.clone();
        if (c.length != s.length) {
            throw new IllegalArgumentException("ball: center has " + c.length + " values, scale " + s.length);
        }
        return (e, walkers, model, rng) -> {
            if (model.dim() != c.length) {
                throw new IllegalArgumentException("ball: center has " + c.length + " values, the model " + model.dim()
                        + " parameters");
            }
            Tensor eps = rng.randn(DType.F64, walkers, c.length);
            return eps.mul(Tensor.of(s)).add(Tensor.of(c));
        };
    }

    /** Draws from the model's priors. */
    static Initializer prior() {
        return (e, walkers, model, rng) -> model.samplePrior(rng, walkers);
    }

    /** Given positions, one {@code [W, D]} tensor per ensemble. */
    static Initializer fixed(Tensor... perEnsemble) {
        Tensor[] copy = perEnsemble.clone();
        return (e, walkers, model, rng) -> {
            if (e >= copy.length) {
                throw new IllegalArgumentException("fixed initializer: " + copy.length
                        + " starting ensembles given, ensemble " + e + " asked for");
            }
            if (copy[e].rank() != 2 || copy[e].size(0) != walkers) {
                throw new IllegalArgumentException("fixed initializer: ensemble " + e + " needs [" + walkers + ", "
                        + model.dim() + "], got " + Arrays.toString(copy[e].shape()));
            }
            return copy[e].to(DType.F64);
        };
    }
}
