package astrograd.inference.sbi.tasks;

import astrograd.inference.sbi.Simulator;
import astrograd.inference.sbi.VectorPrior;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * A simulation-based-inference benchmark task (after sbibm): a prior, a simulator, and draws from the exact
 * reference posterior at an observation. Observations are generated here (sbibm ships ten fixed ones with stored
 * reference samples): observation i draws its true θ from the prior and simulates x with streams fixed by i.
 */
public interface Task {
    /** The true θ {@code [D]} and the observation x {@code [F]} (float64). */
    record Observation(Tensor theta, Tensor x) {
    }

    String name();

    VectorPrior prior();

    Simulator simulator();

    /** F, the dimension of x. */
    int dataDim();

    /** {@code n} draws {@code [n, D]} from the exact posterior {@code p(θ | x_o)} (float64). */
    Tensor referencePosterior(Tensor observation, int n, Rng rng);

    /** Observation number {@code i ≥ 1}, the same on every machine. */
    default Observation observation(int i) {
        if (i < 1) {
            throw new IllegalArgumentException(name() + ": observations are numbered from 1, got " + i);
        }
        Rng rng = new Rng(0x5b1bL).fold(name().hashCode()).fold(i);
        Tensor theta = prior().sample(1, rng.split());
        Tensor x = simulator().simulate(theta, rng.split());
        return new Observation(theta.reshape(prior().dim()), x.reshape(dataDim()));
    }

    /** The tasks by name: gaussian_linear, two_moons, slcp, linear_gaussian (sbi's 2-d test). */
    static Task byName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian_linear":
                return new GaussianLinear(10);
            case "two_moons":
                return new TwoMoons();
            case "slcp":
                return new Slcp();
            case "linear_gaussian":
                return new LinearGaussian();
            default:
                throw new IllegalArgumentException("unknown task '" + name + "'; known: " + names());
        }
    }

    static List<String> names() {
        return List.of("gaussian_linear", "two_moons", "slcp", "linear_gaussian");
    }
}
