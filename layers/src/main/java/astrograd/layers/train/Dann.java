package astrograd.layers.train;

import astrograd.autodiff.Var;
import astrograd.layers.GradientReversal;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Sgd;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain-adversarial training (Ganin et al. 2016): a feature extractor {@code G_f} feeds a label classifier
 * {@code G_y} trained on labelled source data and, through a {@link GradientReversal} layer, a domain classifier
 * {@code G_d} told source (1) from target (0). Each step draws half a batch from each domain and minimizes
 * <pre>
 *   L = CE(G_y(G_f(x_s)), y_s) + BCE(G_d(R_λ(G_f(x))), d)
 * </pre>
 * by SGD with momentum 0.9, so {@code G_d} learns the domains while {@code G_f} is pushed to hide them. Ganin's
 * schedules over training progress {@code p ∈ [0, 1]}: {@code λ_p = 2/(1 + e^{−γp}) − 1} (γ = 10) and learning rate
 * {@code μ_p = μ₀/(1 + αp)^β} (μ₀ = 0.01, α = 10, β = 0.75). With {@code adapt = false} the domain term is left out
 * (the source-only baseline, same steps and batches). DeepMerge II's released code fixes λ = 1; use
 * {@link Config#fixedLambda} for that.
 */
public final class Dann {
    /**
     * @param steps       optimizer steps
     * @param batch       examples per step, half from each domain (even, >= 2)
     * @param lr0         μ₀
     * @param alpha       α of the learning-rate schedule
     * @param beta        β of the learning-rate schedule
     * @param gamma       γ of the λ schedule
     * @param fixedLambda a constant λ instead of the schedule (NaN: the schedule)
     * @param adapt       whether the domain term is trained at all
     */
    public record Config(int steps, int batch, double lr0, double alpha, double beta, double gamma, double fixedLambda,
            boolean adapt) {
        public Config {
            if (steps < 1 || batch < 2 || batch % 2 != 0) {
                throw new IllegalArgumentException("Dann: need steps >= 1 and an even batch >= 2, got " + steps + " and "
                        + batch);
            }
            if (!(lr0 > 0) || !(alpha >= 0) || !(beta >= 0) || !(gamma >= 0)) {
                throw new IllegalArgumentException("Dann: need lr0 > 0 and alpha, beta, gamma >= 0");
            }
        }

        /** Ganin's schedules (μ₀ 0.01, α 10, β 0.75, γ 10) for {@code steps} steps of {@code batch}. */
        public static Config ganin(int steps, int batch, boolean adapt) {
            return new Config(steps, batch, 0.01, 10, 0.75, 10, Double.NaN, adapt);
        }
    }

    private final Layer features;
    private final Layer labels;
    private final Layer domains;
    private final GradientReversal reversal = new GradientReversal(0);
    private final Config config;

    /** @param domains a layer from features to one logit per example (source = 1) */
    public Dann(Layer features, Layer labels, Layer domains, Config config) {
        this.features = features;
        this.labels = labels;
        this.domains = domains;
        this.config = config;
    }

    /** {@code λ_p = 2/(1 + e^{−γp}) − 1}. */
    public static double lambda(double p, double gamma) {
        return 2 / (1 + Math.exp(-gamma * p)) - 1;
    }

    /** {@code μ_p = μ₀/(1 + αp)^β}. */
    public static double learningRate(double p, double lr0, double alpha, double beta) {
        return lr0 / Math.pow(1 + alpha * p, beta);
    }

    /**
     * Trains on labelled source {@code xs [Ns, ...]}, {@code ys [Ns]} (I64 class indices) and unlabelled target
     * {@code xt [Nt, ...]}; each step's batches are drawn with replacement from {@code rng}. Returns per step the
     * label loss, the domain loss and the domain classifier's accuracy on the step's batch.
     */
    public Map<String, double[]> train(Tensor xs, Tensor ys, Tensor xt, Rng rng) {
        if (xs.size(0) != ys.size(0) || ys.dtype() != DType.I64 || ys.rank() != 1) {
            throw new IllegalArgumentException("Dann: labels must be I64 [" + xs.size(0) + "], got " + ys.dtype() + " "
                    + Shape.str(ys.shape()));
        }
        Sgd sgd = new Sgd(parameters(), config.lr0(), 0.9, 0, false, 0);
        int half = config.batch() / 2;
        Tensor domainLabels = Tensor.cat(0, Tensor.ones(DType.F32, half, 1), Tensor.zeros(DType.F32, half, 1));
        double[] labelLoss = new double[config.steps()];
        double[] domainLoss = new double[config.steps()];
        double[] domainAccuracy = new double[config.steps()];
        for (int step = 0; step < config.steps(); step++) {
            double p = (double) step / config.steps();
            sgd.setLr(learningRate(p, config.lr0(), config.alpha(), config.beta()));
            reversal.setLambda(Double.isNaN(config.fixedLambda()) ? lambda(p, config.gamma()) : config.fixedLambda());
            Tensor is = rng.randint(0, xs.size(0), half);
            Tensor it = rng.randint(0, xt.size(0), half);
            Var fs = features.forward(Var.constant(xs.indexSelect(0, is)));
            Var loss = Losses.crossEntropy(labels.forward(fs), ys.indexSelect(0, is), Reduction.MEAN);
            labelLoss[step] = loss.value().item();
            if (config.adapt()) {
                Var ft = features.forward(Var.constant(xt.indexSelect(0, it)));
                Var logits = domains.forward(reversal.forward(Var.cat(0, fs, ft)));
                Var dl = Losses.bceWithLogits(logits, Var.constant(domainLabels), Reduction.MEAN);
                domainLoss[step] = dl.value().item();
                domainAccuracy[step] = accuracy(logits.value(), domainLabels);
                loss = loss.add(dl);
            }
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("label_loss", labelLoss);
        out.put("domain_loss", domainLoss);
        out.put("domain_accuracy", domainAccuracy);
        return out;
    }

    private List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Layer l : new Layer[] {features, labels, domains}) {
            if (l instanceof Module m) {
                out.addAll(m.parameters());
            }
        }
        return out;
    }

    private static double accuracy(Tensor logits, Tensor labels) {
        double[] z = logits.toDoubleArray();
        double[] d = labels.toDoubleArray();
        int right = 0;
        for (int i = 0; i < z.length; i++) {
            right += (z[i] > 0) == (d[i] > 0.5) ? 1 : 0;
        }
        return (double) right / z.length;
    }
}
