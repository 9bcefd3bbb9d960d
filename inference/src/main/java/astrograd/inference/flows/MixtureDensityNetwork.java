package astrograd.inference.flows;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.heads.GaussianMixture;
import astrograd.layers.heads.MixtureDensity;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A mixture-density network {@code q(θ | x) = Σ_k π_k(x) N(θ; μ_k(x), L_k(x) L_kᵀ(x))} (Bishop 1994; the density
 * estimator of SNPE-A and of sbi's {@code "mdn"}): a hidden net of {@code layers × (Linear(H) + ReLU)} on the
 * context feeds the {@link MixtureDensity} head with full covariances (Cholesky diagonal through softplus).
 * sbi's defaults are K = 10 components and 2 hidden layers of 50 units.
 */
public final class MixtureDensityNetwork extends Module implements ConditionalDensity {
    /** Architecture of an MDN. */
    public record Config(int dim, int contextDim, int components, int hidden, int layers) {
        public Config {
            if (dim < 1 || contextDim < 1 || components < 1 || hidden < 1 || layers < 1) {
                throw new IllegalArgumentException("MixtureDensityNetwork: dim, context, components, hidden and"
                        + " layers must be >= 1, got " + dim + ", " + contextDim + ", " + components + ", " + hidden
                        + ", " + layers);
            }
        }

        /** sbi's defaults: 10 components, 2 hidden layers of 50. */
        public static Config sbiDefaults(int dim, int contextDim) {
            return new Config(dim, contextDim, 10, 50, 2);
        }

        public Config withComponents(int k) {
            return new Config(dim, contextDim, k, hidden, layers);
        }
    }

    private final Config config;
    private final DType dtype;
    private final List<Linear> hiddenLayers = new ArrayList<>();
    private final MixtureDensity head;

    public MixtureDensityNetwork(Config config, DType dtype, Rng rng) {
        this.config = config;
        this.dtype = dtype;
        int in = config.contextDim();
        for (int l = 0; l < config.layers(); l++) {
            hiddenLayers.add(module("hidden" + l, new Linear(in, config.hidden(), true, dtype, rng.split())));
            in = config.hidden();
        }
        head = module("head", new MixtureDensity(in, config.components(), config.dim(),
                MixtureDensity.Covariance.FULL, dtype, rng.split()));
    }

    public Config config() {
        return config;
    }

    public MixtureDensity head() {
        return head;
    }

    @Override
    public int dim() {
        return config.dim();
    }

    @Override
    public int contextDim() {
        return config.contextDim();
    }

    @Override
    public Module module() {
        return this;
    }

    /** The mixtures {@code q(· | x_i)} for contexts {@code [N, F]}. */
    public GaussianMixture mixture(Var context) {
        Var h = context;
        for (Linear layer : hiddenLayers) {
            h = layer.forward(h).relu();
        }
        return head.forward(h);
    }

    @Override
    public Var logProb(Var theta, Var context) {
        ConditionalDensity.checkRows("MixtureDensityNetwork.logProb", theta.value(), context.value(), dim(),
                contextDim());
        return mixture(context).logProb(theta);
    }

    @Override
    public Tensor sample(int n, Tensor context, Rng rng) {
        return mixtureAt(context).sample(n, rng);
    }

    /** The mixture at one context {@code [F]} or {@code [1, F]}, in float64. */
    public Mog mixtureAt(Tensor context) {
        Tensor c = ConditionalDensity.oneContext("MixtureDensityNetwork.mixtureAt", context, contextDim());
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            GaussianMixture m = mixture(Var.constant(c.to(dtype)));
            return Mog.fromCholesky(m.logits().value().select(0, 0), m.means().value().select(0, 0),
                    m.scaleTril().value().select(0, 0));
        }
    }

    @Override
    protected String describe() {
        return config.toString();
    }
}
