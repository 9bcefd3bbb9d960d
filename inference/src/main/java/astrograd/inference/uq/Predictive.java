package astrograd.inference.uq;

import astrograd.autodiff.GradMode;
import astrograd.layers.ConcreteDropout;
import astrograd.layers.Module;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One predictive interface for deep ensembles, Monte-Carlo dropout and variational networks: every member makes
 * {@code passes} stochastic forward passes and the {@code members × passes} Gaussians form an equal-weight
 * {@link PredictiveMixture}, whose mean, total covariance (law of total variance), aleatoric/epistemic split and
 * samples are then available. A deep ensemble is {@code passes = 1} over deterministic members; MC dropout is one
 * member wrapped by {@link #mcDropout} with T passes; plan-net is five MC-dropout members with T passes each.
 */
public final class Predictive {
    private Predictive() {
    }

    /** The mixture of {@code passes} passes of every member over {@code x}. */
    public static PredictiveMixture mixture(List<? extends GaussianModel> members, Tensor x, int passes) {
        if (members.isEmpty() || passes < 1) {
            throw new IllegalArgumentException("Predictive.mixture: need >= 1 member and >= 1 pass, got "
                    + members.size() + " and " + passes);
        }
        List<Gaussians> components = new ArrayList<>(members.size() * passes);
        for (GaussianModel member : members) {
            for (int t = 0; t < passes; t++) {
                components.add(member.pass(x));
            }
        }
        return PredictiveMixture.of(components);
    }

    /**
     * The mixture's moments over {@code passes} passes of every member, accumulated without keeping the components
     * (for many inputs and passes; {@link #mixture} keeps them, for sampling and log-densities).
     */
    public static MomentAccumulator moments(List<? extends GaussianModel> members, Tensor x, int passes) {
        if (members.isEmpty() || passes < 1) {
            throw new IllegalArgumentException("Predictive.moments: need >= 1 member and >= 1 pass, got "
                    + members.size() + " and " + passes);
        }
        MomentAccumulator acc = new MomentAccumulator();
        for (GaussianModel member : members) {
            for (int t = 0; t < passes; t++) {
                acc.add(member.pass(x));
            }
        }
        return acc;
    }

    /**
     * A module evaluated in evaluation mode without a graph (deep-ensemble members, variational networks whose
     * layers sample in every mode).
     */
    public static GaussianModel evaluated(Module model, Function<Tensor, Gaussians> forward) {
        return x -> withEvalMode(model, () -> forward.apply(x));
    }

    /**
     * Monte-Carlo dropout: a module evaluated in evaluation mode with its {@link ConcreteDropout} layers drawing a
     * fresh relaxed mask on every pass (Gal &amp; Ghahramani 2016; the mask as in training).
     *
     * @throws IllegalArgumentException if the module has no concrete-dropout layer (the passes would all agree)
     */
    public static GaussianModel mcDropout(Module model, Function<Tensor, Gaussians> forward) {
        return x -> withEvalMode(model, () -> {
            try {
                if (ConcreteDropout.setSampling(model, true) == 0) {
                    throw new IllegalArgumentException("Predictive.mcDropout: " + model.getClass().getSimpleName()
                            + " has no ConcreteDropout layer");
                }
                return forward.apply(x);
            } finally {
                ConcreteDropout.setSampling(model, false);
            }
        });
    }

    @SuppressWarnings("try") // the no-grad scope is held for its effect only
    private static Gaussians withEvalMode(Module model, java.util.function.Supplier<Gaussians> pass) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            return pass.get();
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }
}
