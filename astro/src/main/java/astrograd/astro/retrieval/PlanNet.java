package astrograd.astro.retrieval;

import astrograd.inference.uq.GaussianMlp;
import astrograd.inference.uq.GaussianTraining;
import astrograd.inference.uq.PackedCholesky;
import astrograd.inference.uq.Predictive;
import astrograd.inference.uq.PredictiveMixture;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.io.Json;
import astrograd.layers.io.Safetensors;
import astrograd.layers.io.StateDict;
import astrograd.layers.train.Callback;
import astrograd.layers.train.DeepEnsemble;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * plan-net (Cobb, Himes et al. 2019): an ensemble of concrete-dropout networks
 * {@code 13 → [CD → Dense(1024, ReLU)] × 4 → CD → Dense(5) (mean), CD → Dense(15) (packed precision Cholesky)},
 * trained on HELA's simulations by {@code mean NLL + Σ concrete-dropout regularizers} (weights {@code l²/N} with
 * {@code l = 1e-4}, dropout {@code 2/N}, N the training rows), members from split {@link Rng} streams. Spectra and
 * parameters are z-scored with statistics of the training rows only.
 *
 * <p>The posterior of a spectrum is the equal-weight mixture of the members' Gaussians over T Monte-Carlo-dropout
 * passes each, with the law-of-total-variance moments ({@link PredictiveMixture}; the reference notebook dropped the
 * spread of the means and inverted averaged precisions), mapped back to physical units by
 * {@code μ = m_y + s_y ⊙ μ̄}, {@code Σ = diag(s_y) Σ̄ diag(s_y)}. The Gaussians ignore the prior box, so
 * {@link #samples} keeps every draw inside it ({@link Bounds}): by default a draw beyond a bound is set to the bound
 * (HELA's NH3 column is 59 % exactly at its lower bound); truncation by rejection gives instead the posterior
 * {@code q(θ | x) · 1[θ ∈ box]} of a uniform prior.
 */
public final class PlanNet {
    /** Written to {@code plannet.json}; a different number is refused. */
    public static final int FORMAT = 1;
    static final String CONFIG_FILE = "plannet.json";

    /**
     * @param members   ensemble size (plan-net: 5)
     * @param hidden    hidden widths (plan-net: 1024 × 4)
     * @param epochs    maximum epochs per member (plan-net: 500)
     * @param batchSize plan-net: 512
     * @param lr        Adam's learning rate (plan-net: 1e-3)
     * @param patience  early-stopping patience on the validation NLL (plan-net: 50)
     * @param seed      member streams come from {@code new Rng(seed).split(members)}
     * @param diagonal  the precision factor's diagonal map
     */
    public record Settings(int members, int[] hidden, int epochs, int batchSize, double lr, int patience, long seed,
                           PackedCholesky.Diagonal diagonal) {
        public Settings {
            hidden = hidden.clone();
            if (members < 1) {
                throw new IllegalArgumentException("plan-net: need >= 1 member, got " + members);
            }
            new GaussianTraining.Settings(epochs, batchSize, lr, patience);
        }

        /** plan-net's published settings (5 members, 4 × 1024, 500 epochs, batch 512, lr 1e-3, patience 50). */
        public static Settings published(long seed) {
            return new Settings(5, new int[] {1024, 1024, 1024, 1024}, 500, 512, 1e-3, 50, seed,
                    PackedCholesky.Diagonal.SOFTPLUS);
        }
    }

    /** How draws beyond the prior box are handled. */
    public enum Bounds {
        /**
         * Set to the nearest bound (censoring): the Gaussian's mass beyond a bound becomes a point mass on it. The
         * default, because HELA's simulations have such point masses: 59 % of the NH3 values are exactly −13, the
         * lower bound, and no continuous posterior inside the box could cover them.
         */
        CLIP,
        /** Rejected and redrawn: the posterior {@code q(θ | x) · 1[θ ∈ box]} of a uniform prior. */
        TRUNCATE
    }

    /** Per-row physical posterior moments: means {@code [n][5]} and covariances {@code [n][5][5]}. */
    public record Moments(double[][] mean, double[][][] covariance, double[][] aleatoricStd, double[][] epistemicStd) {
        /** Marginal standard deviation of parameter j in row i. */
        public double std(int i, int j) {
            return Math.sqrt(covariance[i][j][j]);
        }
    }

    private final List<GaussianMlp> members;
    private final GaussianMlp.Config config;
    private final ZScore xScale;
    private final ZScore yScale;
    private final PriorBox prior;
    private final Map<String, Object> info;

    private PlanNet(List<GaussianMlp> members, GaussianMlp.Config config, ZScore xScale, ZScore yScale, PriorBox prior,
                    Map<String, Object> info) {
        this.members = List.copyOf(members);
        this.config = config;
        this.xScale = xScale;
        this.yScale = yScale;
        this.prior = prior;
        this.info = info;
    }

    /**
     * Trains the ensemble on {@code train}, early-stopping each member on {@code validation}.
     *
     * @param callbacks per member index, extra training callbacks (progress), or an empty list
     */
    public static PlanNet train(HelaSimulations train, HelaSimulations validation, Settings s,
                                IntFunction<List<Callback>> callbacks) {
        return train(train, validation, s, callbacks, partial -> { });
    }

    /**
     * As {@link #train(HelaSimulations, HelaSimulations, Settings, IntFunction)}, telling {@code afterMember} the
     * ensemble of the members trained so far after each member (to save it, so a stopped run leaves a usable model).
     */
    public static PlanNet train(HelaSimulations train, HelaSimulations validation, Settings s,
                                IntFunction<List<Callback>> callbacks, MemberListener afterMember) {
        if (!train.labelled() || !validation.labelled()) {
            throw new IllegalArgumentException("plan-net: training and validation rows need their 5 parameters");
        }
        ZScore xs = ZScore.fit(train.spectra());
        ZScore ys = ZScore.fit(train.parameters());
        GaussianMlp.Config config = new GaussianMlp.Config(HelaSimulations.BINS, s.hidden(), HelaSimulations.PARAMETERS,
                GaussianMlp.Kind.CONCRETE_DROPOUT, train.size(), 1e-4, 1, s.diagonal());
        GaussianTraining.Data data = new GaussianTraining.Data(tensor(xs, train.spectra()), tensor(ys, train.parameters()),
                tensor(xs, validation.spectra()), tensor(ys, validation.parameters()));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("seed", s.seed());
        info.put("epochs", s.epochs());
        info.put("batch_size", s.batchSize());
        info.put("lr", s.lr());
        info.put("patience", s.patience());
        List<GaussianMlp> done = new ArrayList<>();
        GaussianTraining.Settings settings = new GaussianTraining.Settings(s.epochs(), s.batchSize(), s.lr(), s.patience());
        DeepEnsemble<GaussianMlp> e = DeepEnsemble.train(s.members(), new Rng(s.seed()),
                (i, r) -> new GaussianMlp(config, DType.F32, r), (i, model, r) -> {
                    GaussianTraining.fit(model, data, settings, r, callbacks.apply(i));
                    done.add(model);
                    info.put("members_trained", done.size());
                    afterMember.trained(new PlanNet(done, config, xs, ys, PriorBox.hela(), info));
                });
        return new PlanNet(e.members(), config, xs, ys, PriorBox.hela(), info);
    }

    /** Told the ensemble so far after each member's training. */
    @FunctionalInterface
    public interface MemberListener {
        void trained(PlanNet soFar);
    }

    public List<GaussianMlp> members() {
        return members;
    }

    public PriorBox prior() {
        return prior;
    }

    /** Training facts recorded with the model (seed, settings, command line...). */
    public Map<String, Object> info() {
        return info;
    }

    /** The standardized mixture of {@code members × passes} Gaussians for spectra {@code [n][13]}. */
    public PredictiveMixture mixture(double[][] spectra, int passes) {
        return Predictive.mixture(GaussianTraining.predictors(members), tensor(xScale, spectra), passes);
    }

    /** Physical posterior moments of spectra {@code [n][13]} from {@code passes} MC-dropout passes per member. */
    public Moments moments(double[][] spectra, int passes) {
        return moments(mixture(spectra, passes));
    }

    /** Physical moments of a standardized mixture. */
    public Moments moments(PredictiveMixture m) {
        int n = m.rows();
        int d = m.dim();
        double[] mu = m.mean().toDoubleArray();
        double[] cov = m.covariance().toDoubleArray();
        double[] ale = m.aleatoricStd().toDoubleArray();
        double[] epi = m.epistemicStd().toDoubleArray();
        double[][] mean = new double[n][d];
        double[][][] c = new double[n][d][d];
        double[][] a = new double[n][d];
        double[][] e = new double[n][d];
        double[] s = yScale.std();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[i][j] = yScale.mean()[j] + s[j] * mu[i * d + j];
                a[i][j] = s[j] * ale[i * d + j];
                e[i][j] = s[j] * epi[i * d + j];
                for (int k = 0; k < d; k++) {
                    c[i][j][k] = s[j] * s[k] * cov[(i * d + j) * d + k];
                }
            }
        }
        return new Moments(mean, c, a, e);
    }

    /**
     * {@code count} posterior draws per spectrum {@code [n][count][5]} in physical units from a standardized mixture,
     * kept inside the prior box as {@code bounds} says.
     *
     * @throws IllegalStateException when truncating and fewer than 1 in 1000 draws of a spectrum fall inside the box
     */
    public double[][][] samples(PredictiveMixture m, int count, Bounds bounds, Rng rng) {
        int n = m.rows();
        int d = m.dim();
        double[][][] out = new double[n][count][];
        int[] filled = new int[n];
        long[] tried = new long[n];
        double[] s = yScale.std();
        double[] mean = yScale.mean();
        while (Arrays.stream(filled).anyMatch(f -> f < count)) {
            double[] draws = m.sample(rng, count).toDoubleArray();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < count && filled[i] < count; k++) {
                    double[] theta = new double[d];
                    for (int j = 0; j < d; j++) {
                        theta[j] = mean[j] + s[j] * draws[(i * count + k) * d + j];
                    }
                    tried[i]++;
                    if (bounds == Bounds.CLIP) {
                        clip(theta);
                    }
                    if (prior.contains(theta)) {
                        out[i][filled[i]++] = theta;
                    }
                }
                if (filled[i] < count && tried[i] > 1000L * count) {
                    throw new IllegalStateException("plan-net: fewer than 1 in 1000 posterior draws of spectrum " + i
                            + " fall inside the prior box " + prior + " (is the spectrum like the training spectra?)");
                }
            }
        }
        return out;
    }

    private void clip(double[] theta) {
        for (int j = 0; j < theta.length; j++) {
            theta[j] = Math.max(prior.lower()[j], Math.min(prior.upper()[j], theta[j]));
        }
    }

    /** Saves {@code plannet.json} and one safetensors file per member into {@code dir} (created). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < members.size(); i++) {
            Safetensors.write(dir.resolve(memberFile(i)), StateDict.of(members.get(i)), Map.of("format", "plannet"));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("members", members.size());
        json.put("hidden", Arrays.stream(config.hidden()).boxed().toList());
        json.put("train_size", config.trainSize());
        json.put("diagonal", config.diagonal().name());
        json.put("parameters", prior.names());
        json.put("prior_lower", boxed(prior.lower()));
        json.put("prior_upper", boxed(prior.upper()));
        json.put("x_mean", boxed(xScale.mean()));
        json.put("x_std", boxed(xScale.std()));
        json.put("y_mean", boxed(yScale.mean()));
        json.put("y_std", boxed(yScale.std()));
        json.put("info", info);
        AtomicFile.write(dir.resolve(CONFIG_FILE), Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws IOException naming the file when it is missing, of another format, or its weights do not fit
     */
    @SuppressWarnings("unchecked")
    public static PlanNet load(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + CONFIG_FILE + " (train a model with 'astrograd retrieval train')");
        }
        Map<String, Object> json;
        try {
            json = (Map<String, Object>) Json.parse(Files.readString(file));
            if (((Number) json.get("format")).intValue() != FORMAT) {
                throw new IOException(file + ": format " + json.get("format") + ", this version reads " + FORMAT);
            }
            int[] hidden = ((List<Number>) json.get("hidden")).stream().mapToInt(Number::intValue).toArray();
            GaussianMlp.Config config = new GaussianMlp.Config(HelaSimulations.BINS, hidden, HelaSimulations.PARAMETERS,
                    GaussianMlp.Kind.CONCRETE_DROPOUT, ((Number) json.get("train_size")).intValue(), 1e-4, 1,
                    PackedCholesky.Diagonal.valueOf((String) json.get("diagonal")));
            int count = ((Number) json.get("members")).intValue();
            List<Rng> streams = new Rng(0x9E3779B9L).split(count);
            List<GaussianMlp> members = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                GaussianMlp m = new GaussianMlp(config, DType.F32, streams.get(i));
                StateDict.load(m, Safetensors.read(dir.resolve(memberFile(i))).tensors(), true);
                members.add(m);
            }
            PriorBox prior = new PriorBox((List<String>) json.get("parameters"), doubles(json.get("prior_lower")),
                    doubles(json.get("prior_upper")));
            return new PlanNet(members, config, new ZScore(doubles(json.get("x_mean")), doubles(json.get("x_std"))),
                    new ZScore(doubles(json.get("y_mean")), doubles(json.get("y_std"))), prior,
                    (Map<String, Object>) json.getOrDefault("info", Map.of()));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(file + ": not a plan-net model (" + e.getMessage() + ")", e);
        }
    }

    /** Sets the seed of every member's dropout streams (member i gets stream i of {@code rng.split}). */
    public void reseed(Rng rng) {
        List<Rng> streams = rng.split(members.size());
        for (int i = 0; i < members.size(); i++) {
            GaussianMlp m = members.get(i);
            List<Rng> layerStreams = streams.get(i).split(m.namedStreams().size());
            int k = 0;
            for (String name : m.namedStreams().keySet()) {
                m.setStreamByName(name, layerStreams.get(k++));
            }
        }
    }

    static Tensor tensor(ZScore scale, double[][] rows) {
        return Tensor.of(scale.apply(rows), rows.length, scale.dim()).to(DType.F32);
    }

    private static String memberFile(int i) {
        return "member-" + i + ".safetensors";
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        return ((List<Number>) list).stream().mapToDouble(Number::doubleValue).toArray();
    }
}
