package astrograd.inference.uq;

import astrograd.autodiff.Var;
import astrograd.layers.Init;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A variational (Bayes-by-backprop) dense layer with a mean-field Gaussian posterior over its weights and bias,
 * {@code W ~ N(M, diag σ²)}, {@code σ = softplus(ρ)}, sampled with Flipout (Wen et al. 2018) so that the
 * examples of a batch see decorrelated weight perturbations at the cost of one extra matrix product:
 * <pre>
 *   y = x Mᵀ + b + ((x ⊙ s_in) ΔWᵀ) ⊙ s_out,    ΔW = σ ⊙ ε,  ε ~ N(0, I) shared by the batch,
 *   b = m_b + σ_b ⊙ ε_b,                          s_in, s_out: independent ±1 signs per example
 * </pre>
 * The layer samples on every forward pass, in training and in evaluation mode (its passes are the predictive's
 * Monte-Carlo passes). Training minimizes {@code NLL + KL / N} with N the <em>true</em> number of training
 * examples ({@link #totalKl}), where against the prior {@code N(0, s²)}
 * <pre>
 *   KL = Σ [log(s/σ) + (σ² + μ²) / (2 s²) − ½]
 * </pre>
 * over all weights and biases. (The Deeply-Uncertain reference hard-coded N = 90 000 whatever the data size.)
 */
public final class FlipoutLinear extends Module implements Layer {
    /** Initial ρ: σ = softplus(−5) ≈ 0.0067, small against the mean's initial scale as TFP's default. */
    public static final double INITIAL_RHO = -5;

    private final int in;
    private final int out;
    private final double priorStd;
    private final Parameter weightMean;
    private final Parameter weightRho;
    private final Parameter biasMean;
    private final Parameter biasRho;

    /**
     * @param priorStd s of the prior {@code N(0, s²)} on every weight and bias (TFP's default is 1)
     */
    public FlipoutLinear(int in, int out, double priorStd, DType dtype, Rng rng) {
        if (in < 1 || out < 1 || !(priorStd > 0)) {
            throw new IllegalArgumentException("FlipoutLinear: need sizes >= 1 and prior std > 0, got " + in + " -> "
                    + out + ", prior std " + priorStd);
        }
        this.in = in;
        this.out = out;
        this.priorStd = priorStd;
        Rng init = rng.split();
        this.weightMean = parameter("weight_mean", Init.torchDefault(init, dtype, in, out, in));
        this.weightRho = parameter("weight_rho", Tensor.full(dtype, INITIAL_RHO, out, in));
        this.biasMean = parameter("bias_mean", Init.torchDefault(init, dtype, in, out));
        this.biasRho = parameter("bias_rho", Tensor.full(dtype, INITIAL_RHO, out));
        stream("noise", rng.split());
    }

    @Override
    public Var forward(Var x) {
        Tensor v = x.value();
        if (v.rank() != 2 || v.size(1) != in) {
            throw new ShapeException("FlipoutLinear(" + describe() + "): input " + Shape.str(v.shape()) + " must be [N, "
                    + in + "]");
        }
        Rng rng = stream("noise");
        DType dtype = v.dtype();
        int n = v.size(0);
        Var deltaW = weightRho.var().softplus().mul(Var.constant(rng.randn(dtype, out, in)));
        Var bias = biasMean.var().add(biasRho.var().softplus().mul(Var.constant(rng.randn(dtype, out))));
        Tensor signIn = rng.rand(dtype, n, in).sub(0.5).sign();
        Tensor signOut = rng.rand(dtype, n, out).sub(0.5).sign();
        Var perturbation = x.mul(Var.constant(signIn)).linear(deltaW, null).mul(Var.constant(signOut));
        return x.linear(weightMean.var(), bias).add(perturbation);
    }

    /** {@code KL(q ‖ p)} of this layer's weights and bias (0-d), formula in the class notes. */
    public Var kl() {
        return klTerm(weightMean.var(), weightRho.var(), priorStd).add(klTerm(biasMean.var(), biasRho.var(), priorStd));
    }

    /** {@code Σ KL(N(μ, softplus(ρ)²) ‖ N(0, s²))} over the elements (0-d). */
    static Var klTerm(Var mean, Var rho, double priorStd) {
        Var sigma = rho.softplus();
        double s2 = priorStd * priorStd;
        return sigma.log().neg().add(Math.log(priorStd)).add(sigma.square().add(mean.square()).div(2 * s2)).sub(0.5)
                .sum();
    }

    /**
     * The KL term of the training loss: the sum of {@link #kl()} over every Flipout layer of {@code model},
     * divided by the number of training examples {@code n} (the loss is a mean over examples).
     */
    public static Var totalKl(Module model, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FlipoutLinear.totalKl: training-set size must be >= 1, got " + n);
        }
        Var total = null;
        for (FlipoutLinear layer : collect(model, new ArrayList<>())) {
            total = total == null ? layer.kl() : total.add(layer.kl());
        }
        if (total == null) {
            throw new IllegalArgumentException("FlipoutLinear.totalKl: " + model.getClass().getSimpleName()
                    + " has no FlipoutLinear layer");
        }
        return total.div(n);
    }

    private static List<FlipoutLinear> collect(Module m, List<FlipoutLinear> out) {
        if (m instanceof FlipoutLinear) {
            out.add((FlipoutLinear) m);
        }
        for (Module c : m.children().values()) {
            collect(c, out);
        }
        return out;
    }

    @Override
    protected String describe() {
        return in + " -> " + out + ", prior std " + priorStd;
    }
}
