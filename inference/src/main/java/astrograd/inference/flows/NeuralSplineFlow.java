package astrograd.inference.flows;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A conditional neural spline flow (Durkan et al. 2019): T {@link SplineCoupling} layers, with the coordinates
 * reversed between consecutive layers (nflows' {@code ReversePermutation}, log-det 0), over a standard normal
 * base. With {@code z = f_T ∘ … ∘ f_1(θ; x)}:
 * <pre>
 *   log q(θ | x) = Σ_d log N(z_d; 0, 1) + Σ_t log|det ∂f_t/∂(input)|
 * </pre>
 * Sampling draws z ~ N(0, I) and applies the inverse layers in reverse order. sbi's defaults are 5 layers,
 * 50 hidden units, 2 residual blocks, 10 bins and tails at ±3 (on z-scored θ).
 */
public final class NeuralSplineFlow extends Module implements ConditionalDensity {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Architecture of a flow. */
    public record Config(int dim, int contextDim, int layers, int hidden, int blocks, int bins, double tailBound) {
        public Config {
            if (dim < 1 || contextDim < 1 || layers < 1) {
                throw new IllegalArgumentException("NeuralSplineFlow: dim, context and layers must be >= 1, got "
                        + dim + ", " + contextDim + ", " + layers);
            }
        }

        /** sbi's defaults: 5 layers, 50 hidden, 2 blocks, 10 bins, tails at ±3. */
        public static Config sbiDefaults(int dim, int contextDim) {
            return new Config(dim, contextDim, 5, 50, 2, 10, 3.0);
        }
    }

    private final Config config;
    private final DType dtype;
    private final List<SplineCoupling> couplings = new ArrayList<>();

    public NeuralSplineFlow(Config config, DType dtype, Rng rng) {
        this.config = config;
        this.dtype = dtype;
        for (int t = 0; t < config.layers(); t++) {
            couplings.add(module("coupling" + t, new SplineCoupling(config.dim(), config.contextDim(),
                    config.hidden(), config.blocks(), config.bins(), config.tailBound(), dtype, rng.split())));
        }
    }

    public Config config() {
        return config;
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

    /** {@code z = f(θ; x)} {@code [N, D]} and {@code log|det ∂z/∂θ|} {@code [N]}. */
    public RationalQuadraticSpline.Result toBase(Var theta, Var context) {
        Var z = theta;
        Var logDet = null;
        for (int t = 0; t < couplings.size(); t++) {
            if (t > 0) {
                z = reverse(z);
            }
            RationalQuadraticSpline.Result r = couplings.get(t).apply(z, context, false);
            z = r.outputs();
            logDet = logDet == null ? r.logAbsDet() : logDet.add(r.logAbsDet());
        }
        return new RationalQuadraticSpline.Result(z, logDet);
    }

    /** {@code θ = f⁻¹(z; x)} {@code [N, D]} for base points z and contexts {@code [N, F]}. */
    public Var fromBase(Var z, Var context) {
        Var theta = z;
        for (int t = couplings.size() - 1; t >= 0; t--) {
            theta = couplings.get(t).apply(theta, context, true).outputs();
            if (t > 0) {
                theta = reverse(theta);
            }
        }
        return theta;
    }

    @Override
    public Var logProb(Var theta, Var context) {
        ConditionalDensity.checkRows("NeuralSplineFlow.logProb", theta.value(), context.value(), dim(), contextDim());
        RationalQuadraticSpline.Result r = toBase(theta, context);
        Var base = r.outputs().square().sum(1).mul(-0.5).sub(dim() * HALF_LOG_2PI);
        return base.add(r.logAbsDet());
    }

    @Override
    public Tensor sample(int n, Tensor context, Rng rng) {
        Tensor c = ConditionalDensity.oneContext("NeuralSplineFlow.sample", context, contextDim());
        Tensor z = rng.randn(dtype, n, dim());
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Var ctx = Var.constant(c.to(dtype).expand(n, contextDim()).contiguous());
            return fromBase(Var.constant(z), ctx).value();
        }
    }

    private static Var reverse(Var z) {
        return z.value().size(1) == 1 ? z : z.flip(1);
    }

    @Override
    protected String describe() {
        return config.toString();
    }
}
