package astrograd.layers;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Concrete dropout (Gal, Hron &amp; Kendall 2017): dropout in front of an inner layer whose drop rate p is
 * learned, through a continuous relaxation of the Bernoulli mask. With u ~ U(0, 1), temperature
 * t = 0.1 and ε = 1e-7 (as in the authors' code),
 * <pre>
 *   z = σ((log(p + ε) − log(1 − p + ε) + log(u + ε) − log(1 − u + ε)) / t)      (z ≈ 1: dropped)
 *   y = inner(x ⊙ (1 − z) / (1 − p))
 * </pre>
 * and {@code p = σ(p_logit)} is a parameter ({@code p_logit [1]}, initialized to logit(p₀), p₀ = 0.1 by
 * default). The dense variant draws one u per element of x; the spatial variant one per channel of
 * {@code [N, C, ...]}. Training minimizes the loss plus {@link #regularization()}:
 * <pre>
 *   weight_regularizer · ||W||² / (1 − p) + dropout_regularizer · D · (p log p + (1 − p) log(1 − p))
 * </pre>
 * with W the inner layer's {@code weight} parameters, D the input dimension (features, or channels for
 * the spatial variant), {@code weight_regularizer = l²/N} and {@code dropout_regularizer = 2/(τN)} for a
 * prior length scale l, model precision τ and N training points ({@link #weightRegularizer},
 * {@link #dropoutRegularizer}). In evaluation mode {@link #forward} applies no dropout (Keras's
 * convention); {@link #predict} draws Monte-Carlo samples regardless of the mode.
 */
public final class ConcreteDropout extends Module implements Layer {
    /** The relaxation temperature. */
    public static final double TEMPERATURE = 0.1;
    private static final double EPS = 1e-7;

    /** Mean and (population) variance over Monte-Carlo forward passes. */
    public record Prediction(Tensor mean, Tensor variance) {
    }

    private final Layer inner;
    private final int inputDim;
    private final boolean spatial;
    private final double weightRegularizer;
    private final double dropoutRegularizer;
    private final Parameter pLogit;
    private boolean sampling;
    private Tensor fixedNoise;

    /**
     * @param inner              the wrapped layer (a {@link Module}; registered as submodule {@code layer})
     * @param inputDim           features of the input's last axis (dense) or channels of axis 1 (spatial)
     * @param spatial            one mask value per channel of {@code [N, C, ...]} instead of per element
     * @param initialP           p₀ in (0, 1)
     */
    public ConcreteDropout(Layer inner, int inputDim, boolean spatial, double weightRegularizer, double dropoutRegularizer,
                           double initialP, DType dtype, Rng rng) {
        if (!(inner instanceof Module)) {
            throw new IllegalArgumentException("ConcreteDropout: inner layer " + inner.getClass().getSimpleName() + " must be a Module");
        }
        if (inputDim < 1 || !(initialP > 0 && initialP < 1) || !(weightRegularizer >= 0) || !(dropoutRegularizer >= 0)) {
            throw new IllegalArgumentException("ConcreteDropout: need input dim >= 1, p0 in (0, 1) and regularizers >= 0, got dim "
                    + inputDim + ", p0 " + initialP + ", weight regularizer " + weightRegularizer + ", dropout regularizer "
                    + dropoutRegularizer);
        }
        this.inner = inner;
        this.inputDim = inputDim;
        this.spatial = spatial;
        this.weightRegularizer = weightRegularizer;
        this.dropoutRegularizer = dropoutRegularizer;
        this.pLogit = parameter("p_logit", Tensor.full(dtype, Math.log(initialP) - Math.log1p(-initialP), 1));
        module("layer", (Module) inner);
        stream("mask", rng.split());
    }

    /** Dense variant with p₀ = 0.1 in F32: a mask over the features of {@code [..., features]}. */
    public static ConcreteDropout dense(Layer inner, int features, double weightRegularizer, double dropoutRegularizer, Rng rng) {
        return new ConcreteDropout(inner, features, false, weightRegularizer, dropoutRegularizer, 0.1, DType.F32, rng);
    }

    /** Spatial variant with p₀ = 0.1 in F32: a mask over the channels of {@code [N, channels, ...]}. */
    public static ConcreteDropout spatial(Layer inner, int channels, double weightRegularizer, double dropoutRegularizer, Rng rng) {
        return new ConcreteDropout(inner, channels, true, weightRegularizer, dropoutRegularizer, 0.1, DType.F32, rng);
    }

    /** {@code l² / N}: the weight regularizer for prior length scale l and N training points. */
    public static double weightRegularizer(double lengthScale, int n) {
        return lengthScale * lengthScale / n;
    }

    /** {@code 2 / (τ N)}: the dropout regularizer for model precision τ and N training points. */
    public static double dropoutRegularizer(double tau, int n) {
        return 2 / (tau * n);
    }

    public Parameter pLogit() {
        return pLogit;
    }

    /** The current drop rate {@code σ(p_logit)}. */
    public double p() {
        double logit = pLogit.value().toDoubleArray()[0];
        return 1 / (1 + Math.exp(-logit));
    }

    public Layer inner() {
        return inner;
    }

    @Override
    public Var forward(Var x) {
        int[] shape = x.value().shape();
        int axis = spatial ? 1 : shape.length - 1;
        if (shape.length < (spatial ? 3 : 1) || shape[axis] != inputDim) {
            throw new ShapeException("ConcreteDropout(" + describe() + "): input " + Shape.str(shape) + " must be "
                    + (spatial ? "[N, " + inputDim + ", ...]" : "[..., " + inputDim + "]"));
        }
        if (!isTraining() && !sampling) {
            return inner.forward(x);
        }
        if (!GradMode.isEnabled() && fixedNoise == null && !spatial && x.value().dtype() == DType.F32) {
            return inner.forward(Var.constant(fusedMask(x.value())));
        }
        Var p = pLogit.var().sigmoid();
        int[] maskShape = spatial ? SpatialDropout.channelMaskShape(shape) : shape;
        Var keep = dropMask(p, maskShape, x.value().dtype()).neg().add(1);
        return inner.forward(x.mul(keep).div(p.neg().add(1)));
    }

    /** The relaxed drop mask z of the given shape for drop rate p (a Var of one element). */
    Var dropMask(Var p, int[] shape, DType dtype) {
        Tensor u = fixedNoise != null ? fixedNoise : stream("mask").rand(dtype, shape);
        if (!java.util.Arrays.equals(u.shape(), shape)) {
            throw new ShapeException("ConcreteDropout: fixed noise " + Shape.str(u.shape()) + " must be " + Shape.str(shape));
        }
        Tensor logisticNoise = u.add(EPS).log().sub(u.neg().add(1 + EPS).log());
        Var pLogOdds = p.add(EPS).log().sub(p.neg().add(1 + EPS).log());
        return pLogOdds.add(Var.constant(logisticNoise)).div(TEMPERATURE).sigmoid();
    }

    /**
     * The dense mask applied in one pass without a graph (Monte-Carlo prediction): the same draws and the same
     * value as {@link #dropMask}, with the sigmoid and the logs folded into powers. With
     * {@code r = (1 − p + ε)/(p + ε) · (1 − u + ε)/(u + ε)} the relaxed drop indicator is
     * {@code z = σ((log((p+ε)/(1−p+ε)) + log((u+ε)/(1−u+ε)))/t) = 1/(1 + r^{1/t})}, so the kept fraction is
     * {@code 1 − z = 1/(1 + r^{−1/t})}; with t = 0.1, {@code r^{10}} takes four products and no transcendental.
     */
    private Tensor fusedMask(Tensor x) {
        float[] values = x.contiguous().toFloatArray();
        float[] u = stream("mask").rand(DType.F32, x.shape()).toFloatArray();
        double p = Math.min(Math.max(p(), 0), 1);
        double pRatio = (1 - p + EPS) / (p + EPS);
        double scale = 1 / (1 - p);
        for (int i = 0; i < values.length; i++) {
            double r = pRatio * (1 - u[i] + EPS) / (u[i] + EPS);
            double r2 = r * r;
            double r4 = r2 * r2;
            double r10 = r4 * r4 * r2;
            values[i] = (float) (values[i] * scale / (1 + 1 / r10));
        }
        return Tensor.of(values, x.shape()).to(x.device());
    }

    /** Uses {@code u} instead of fresh uniform noise (tests); null restores sampling. */
    void setFixedNoise(Tensor u) {
        this.fixedNoise = u;
    }

    /**
     * The regularizer to add to the loss (0-d):
     * {@code wr · Σ||W||² / (1 − p) + dr · D · (p log p + (1 − p) log(1 − p))}.
     */
    public Var regularization() {
        Var p = pLogit.var().sigmoid().reshape();
        Var oneMinusP = p.neg().add(1);
        Var negEntropy = p.mul(p.log()).add(oneMinusP.mul(oneMinusP.log()));
        Var reg = negEntropy.mul(dropoutRegularizer * inputDim);
        List<Parameter> weights = innerWeights();
        if (weights.isEmpty() || weightRegularizer == 0) {
            return reg;
        }
        Var squares = null;
        for (Parameter w : weights) {
            Var s = w.var().square().sum();
            squares = squares == null ? s : squares.add(s);
        }
        return reg.add(squares.mul(weightRegularizer).div(oneMinusP));
    }

    /** The inner layer's parameters named {@code weight} (at any depth). */
    private List<Parameter> innerWeights() {
        List<Parameter> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : ((Module) inner).namedParameters().entrySet()) {
            if (e.getKey().equals("weight") || e.getKey().endsWith(".weight")) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** The sum of {@link #regularization()} over every concrete-dropout layer in a model. */
    public static Var totalRegularization(Module model) {
        Var total = null;
        for (ConcreteDropout cd : collect(model, new ArrayList<>())) {
            Var r = cd.regularization();
            total = total == null ? r : total.add(r);
        }
        if (total == null) {
            throw new IllegalArgumentException("ConcreteDropout.totalRegularization: the model has no ConcreteDropout layer");
        }
        return total;
    }

    /** Monte-Carlo prediction through this layer: {@link #predict(Module, Tensor, int)} on itself. */
    public Prediction predict(Tensor x, int samples) {
        return predict(this, x, samples);
    }

    /**
     * Monte-Carlo dropout prediction: {@code samples} stochastic forward passes of {@code model} (a
     * {@link Layer}) with every concrete-dropout layer in it sampling its mask even in evaluation mode;
     * returns the mean and the population variance of the outputs. No graph is recorded.
     */
    public static Prediction predict(Module model, Tensor x, int samples) {
        if (!(model instanceof Layer)) {
            throw new IllegalArgumentException("ConcreteDropout.predict: model " + model.getClass().getSimpleName() + " must be a Layer");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("ConcreteDropout.predict: samples must be >= 1, got " + samples);
        }
        List<ConcreteDropout> layers = collect(model, new ArrayList<>());
        List<Tensor> outputs = new ArrayList<>(samples);
        try (GradMode.Scope s = GradMode.noGrad()) {
            layers.forEach(cd -> cd.sampling = true);
            for (int i = 0; i < samples; i++) {
                outputs.add(((Layer) model).forward(Var.constant(x)).value());
            }
        } finally {
            layers.forEach(cd -> cd.sampling = false);
        }
        Tensor stacked = Tensor.stack(0, outputs);
        return new Prediction(stacked.mean(new int[] {0}, false), stacked.var(new int[] {0}, false, false));
    }

    /**
     * Turns Monte-Carlo sampling on or off in every concrete-dropout layer of {@code model}: while on, each layer
     * draws a fresh relaxed mask on every forward pass even in evaluation mode (what {@link #predict} does for the
     * duration of its passes). For predictive distributions built from whole stochastic passes, such as a mixture
     * of Gaussian heads; turn it off again in a {@code finally}.
     *
     * @return the number of concrete-dropout layers switched
     */
    public static int setSampling(Module model, boolean on) {
        List<ConcreteDropout> layers = collect(model, new ArrayList<>());
        layers.forEach(cd -> cd.sampling = on);
        return layers.size();
    }

    private static List<ConcreteDropout> collect(Module m, List<ConcreteDropout> out) {
        if (m instanceof ConcreteDropout) {
            out.add((ConcreteDropout) m);
        }
        for (Module c : m.children().values()) {
            collect(c, out);
        }
        return out;
    }

    @Override
    protected String describe() {
        return (spatial ? "spatial, channels " : "dense, features ") + inputDim + String.format(", p=%.4f", p());
    }
}
