package astrograd.inference.uq;

import astrograd.autodiff.Var;
import astrograd.layers.ConcreteDropout;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.heads.PrecisionGaussian;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense ReLU network with a full-covariance Gaussian output: hidden layers, then a mean head {@code → D} and a
 * head {@code → D(D+1)/2} giving the {@link PackedCholesky} factor of the precision. Every dense layer (the
 * heads included) is of one {@link Kind}: plain (deep-ensemble members), wrapped in concrete dropout (plan-net,
 * Monte-Carlo dropout) or variational ({@link FlipoutLinear}). The training loss per batch is
 * <pre>
 *   mean NLL + R,   R = Σ concrete-dropout regularizers (weights l²/N, dropout 2/N)  or  KL / N  or  0
 * </pre>
 * with N the true training-set size given in the {@link Config}.
 */
public final class GaussianMlp extends Module {
    /** The kind of every dense layer. */
    public enum Kind {
        PLAIN, CONCRETE_DROPOUT, FLIPOUT
    }

    /**
     * @param inputs      features F
     * @param hidden      hidden widths
     * @param outputs     D
     * @param kind        layer kind
     * @param trainSize   N, the true number of training examples (regularizer and KL scaling)
     * @param lengthScale l of the concrete-dropout weight regularizer {@code l²/N} (plan-net: 1e-4; 0 for none)
     * @param priorStd    prior std of the Flipout layers
     * @param diagonal    the precision factor's diagonal map
     */
    public record Config(int inputs, int[] hidden, int outputs, Kind kind, int trainSize, double lengthScale,
                         double priorStd, PackedCholesky.Diagonal diagonal) {
        public Config {
            hidden = hidden.clone();
            if (inputs < 1 || outputs < 1 || trainSize < 1 || Arrays.stream(hidden).anyMatch(h -> h < 1)
                    || !(lengthScale >= 0) || !(priorStd > 0)) {
                throw new IllegalArgumentException("GaussianMlp: bad config " + inputs + " -> " + Arrays.toString(hidden)
                        + " -> " + outputs + ", N " + trainSize + ", l " + lengthScale + ", prior std " + priorStd);
            }
        }

        /** Plan-net's settings for a kind: l = 1e-4, prior std 1, softplus diagonal. */
        public static Config of(int inputs, int[] hidden, int outputs, Kind kind, int trainSize) {
            return new Config(inputs, hidden, outputs, kind, trainSize, 1e-4, 1, PackedCholesky.Diagonal.SOFTPLUS);
        }
    }

    private final Config config;
    private final List<Layer> body = new ArrayList<>();
    private final Layer meanHead;
    private final Layer factorHead;

    public GaussianMlp(Config config, DType dtype, Rng rng) {
        this.config = config;
        int width = config.inputs();
        for (int i = 0; i < config.hidden().length; i++) {
            body.add((Layer) module("hidden" + i, dense(width, config.hidden()[i], dtype, rng.split())));
            width = config.hidden()[i];
        }
        this.meanHead = (Layer) module("mean", dense(width, config.outputs(), dtype, rng.split()));
        this.factorHead = (Layer) module("precision_factor",
                dense(width, PackedCholesky.packedSize(config.outputs()), dtype, rng.split()));
    }

    private Module dense(int in, int out, DType dtype, Rng rng) {
        int n = config.trainSize();
        switch (config.kind()) {
            case CONCRETE_DROPOUT:
                return new ConcreteDropout(new Linear(in, out, true, dtype, rng.split()), in, false,
                        ConcreteDropout.weightRegularizer(config.lengthScale(), n), ConcreteDropout.dropoutRegularizer(1, n),
                        0.1, dtype, rng.split());
            case FLIPOUT:
                return new FlipoutLinear(in, out, config.priorStd(), dtype, rng);
            default:
                return new Linear(in, out, true, dtype, rng);
        }
    }

    public Config config() {
        return config;
    }

    /** The predictive Gaussians of inputs {@code [N, F]}. */
    public PrecisionGaussian forward(Var x) {
        Var h = x;
        for (Layer l : body) {
            h = l.forward(h).relu();
        }
        return PackedCholesky.gaussian(meanHead.forward(h), factorHead.forward(h), config.diagonal());
    }

    /** The regularizer R of the class notes (0-d). */
    public Var regularization() {
        switch (config.kind()) {
            case CONCRETE_DROPOUT:
                return ConcreteDropout.totalRegularization(this);
            case FLIPOUT:
                return FlipoutLinear.totalKl(this, config.trainSize());
            default:
                return null;
        }
    }

    /** Mean NLL of targets {@code y [B, D]} plus the regularizer: the training loss of one batch. */
    public Var loss(Tensor x, Tensor y) {
        Var nll = forward(Var.constant(x)).logProb(Var.constant(y)).neg().mean();
        Var reg = regularization();
        return reg == null ? nll : nll.add(reg);
    }

    /**
     * This network as a {@link GaussianModel}: Monte-Carlo dropout passes for the concrete-dropout kind,
     * stochastic variational passes for Flipout, deterministic passes for plain layers.
     */
    public GaussianModel predictor() {
        java.util.function.Function<Tensor, Gaussians> pass = x -> Gaussians.of(forward(Var.constant(x)));
        return config.kind() == Kind.CONCRETE_DROPOUT ? Predictive.mcDropout(this, pass)
                : Predictive.evaluated(this, pass);
    }

    /** Drop rates of the concrete-dropout layers in order (hidden layers, mean head, factor head); empty otherwise. */
    public double[] dropRates() {
        if (config.kind() != Kind.CONCRETE_DROPOUT) {
            return new double[0];
        }
        List<Layer> all = new ArrayList<>(body);
        all.add(meanHead);
        all.add(factorHead);
        return all.stream().mapToDouble(l -> ((ConcreteDropout) l).p()).toArray();
    }

    @Override
    protected String describe() {
        return config.kind() + " " + config.inputs() + " -> " + Arrays.toString(config.hidden()) + " -> "
                + config.outputs();
    }
}
