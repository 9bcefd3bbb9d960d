package astrograd.astro.flares;

import astrograd.autodiff.Var;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.io.Json;
import astrograd.layers.io.StateDict;
import astrograd.layers.io.Safetensors;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.metrics.Metrics;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.DeepEnsemble;
import astrograd.layers.train.History;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.ProgressBarCallback;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An ensemble of {@link FlareNetwork}s trained from split {@link Rng} streams, combined by the mean (or median)
 * of the members' probabilities. Each member trains with Adam and binary cross-entropy and keeps the epoch with
 * the lowest validation loss. Saved as a folder: {@code ensemble.json} (format, combine rule, how it was trained)
 * and {@code member-<i>.safetensors} per member.
 */
public final class FlareEnsemble {
    /** The file that describes a saved ensemble. */
    public static final String DESCRIPTOR = "ensemble.json";
    private static final int PREDICT_BATCH = 2048;

    /**
     * Training settings.
     *
     * @param progress draw a progress bar per member (only on a terminal)
     */
    public record TrainConfig(int members, int epochs, int batchSize, double learningRate,
            DeepEnsemble.Combine combine, boolean progress, FlareNetwork.Input input) {
        public TrainConfig {
            if (input == null) {
                throw new IllegalArgumentException("FlareEnsemble: the network input is missing");
            }
            if (members < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("FlareEnsemble: members, epochs and batch size must be ≥ 1 and the"
                        + " learning rate > 0, got " + members + ", " + epochs + ", " + batchSize + ", " + learningRate);
            }
        }

        /** stella's settings: Adam(lr 1e-3), batch 64, mean of the members, stella's per-window input. */
        public static TrainConfig of(int members, int epochs) {
            return new TrainConfig(members, epochs, 64, 1e-3, DeepEnsemble.Combine.MEAN, true,
                    FlareNetwork.Input.WINDOW);
        }

        /** The same settings for another network input. */
        public TrainConfig withInput(FlareNetwork.Input other) {
            return new TrainConfig(members, epochs, batchSize, learningRate, combine, progress, other);
        }
    }

    private final DeepEnsemble<Sequential> members;
    private final DeepEnsemble.Combine combine;
    private final List<History> histories;
    private final Map<String, Object> info;
    private final FlareNetwork.Input input;
    private volatile List<SeriesScorer> scorers;

    private FlareEnsemble(DeepEnsemble<Sequential> members, DeepEnsemble.Combine combine, List<History> histories,
                          Map<String, Object> info, FlareNetwork.Input input) {
        this.input = input;
        this.members = members;
        this.combine = combine;
        this.histories = List.copyOf(histories);
        this.info = info;
    }

    /**
     * Trains an ensemble on {@code train}, keeping each member's best epoch on {@code validation}.
     *
     * @param log told one line per finished member (may be null)
     */
    public static FlareEnsemble train(WindowSet train, WindowSet validation, TrainConfig config, Rng rng,
                                      Consumer<String> log) {
        if (train.input() != config.input() || validation.input() != config.input()) {
            throw new IllegalArgumentException("FlareEnsemble.train: the network reads " + config.input()
                    + " inputs, the windows are " + train.input() + " (training) and " + validation.input()
                    + " (validation)");
        }
        List<History> histories = new ArrayList<>();
        Tensor x = train.inputs();
        Tensor y = train.labels();
        DeepEnsemble<Sequential> ensemble = DeepEnsemble.train(config.members(), rng,
                (i, r) -> FlareNetwork.create(config.input(), r),
                (i, model, r) -> {
                    long start = System.nanoTime();
                    History h = trainMember(i, model, x, y, validation, config, r);
                    histories.add(h);
                    if (log != null) {
                        log.accept(memberSummary(i, config.members(), h, (System.nanoTime() - start) / 1e9));
                    }
                });
        return new FlareEnsemble(ensemble, config.combine(), histories, new LinkedHashMap<>(), config.input());
    }

    private static History trainMember(int index, Sequential model, Tensor x, Tensor y, WindowSet validation,
                                       TrainConfig config, Rng rng) {
        DataLoader loader = new DataLoader(new TensorDataset(x, y), config.batchSize(), rng.split(), false);
        Tensor vx = validation.inputs();
        int[] vy = validation.labelArray();
        Tensor vyt = validation.labels();
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), config.learningRate()),
                batch -> Losses.bceWithLogits(model.forward(Var.constant(batch.get(0))), Var.constant(batch.get(1)),
                        Reduction.MEAN))
                .validation(m -> validationMetrics((Sequential) m, vx, vyt, vy))
                .callback(new KeepBest(model, "val_loss", Mode.MIN))
                .callback(ProgressBarCallback.perRun(String.format(Locale.ROOT, "member %d/%d", index + 1,
                        config.members()), config.progress()));
        return trainer.fit(loader, config.epochs());
    }

    private static Map<String, Double> validationMetrics(Sequential model, Tensor x, Tensor y, int[] labels) {
        Tensor logits = logits(model, x);
        double loss = Losses.bceWithLogits(Var.constant(logits), Var.constant(y), Reduction.MEAN).value().item();
        double[] p = logits.sigmoid().to(DType.F64).toDoubleArray();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", loss);
        m.put("val_ap", Metrics.averagePrecision(labels, p));
        return m;
    }

    private static Tensor logits(Sequential model, Tensor x) {
        int n = x.size(0);
        List<Tensor> parts = new ArrayList<>();
        for (int from = 0; from < n; from += PREDICT_BATCH) {
            int to = Math.min(n, from + PREDICT_BATCH);
            try (TensorScope scope = TensorScope.open()) {
                parts.add(scope.keep(model.forward(Var.constant(x.narrow(0, from, to - from))).value()));
            }
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.cat(0, parts);
    }

    private static String memberSummary(int i, int of, History h, double seconds) {
        int best = 0;
        double[] vl = h.values("val_loss");
        for (int e = 1; e < vl.length; e++) {
            if (vl[e] < vl[best]) {
                best = e;
            }
        }
        return String.format(Locale.ROOT, "member %d/%d: %d epochs in %.1f s, best epoch %d: val_loss %.4f, val_ap %.4f",
                i + 1, of, vl.length, seconds, best + 1, vl[best], h.values("val_ap")[best]);
    }

    /** The combined probability that each window {@code [n, 1, 200]} is centred on a flare peak. */
    public double[] predict(Tensor windows) {
        Tensor stacked = members.predictions(m -> logits(m, windows).sigmoid());
        return DeepEnsemble.combine(stacked, combine).to(DType.F64).toDoubleArray();
    }

    /** Every member's probabilities, {@code [members][n]}. */
    public double[][] memberPredictions(Tensor windows) {
        Tensor stacked = members.predictions(m -> logits(m, windows).sigmoid());
        double[][] out = new double[members.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = stacked.select(0, i).to(DType.F64).toDoubleArray();
        }
        return out;
    }

    public int size() {
        return members.size();
    }

    /** What the members read. */
    public FlareNetwork.Input input() {
        return input;
    }

    /**
     * The combined probability of every grid cadence of a series part, computed with the convolutions shared
     * between overlapping windows ({@link SeriesScorer}); only for {@link FlareNetwork.Input#SERIES} ensembles.
     */
    double[] predictSeries(FlareSeries.Part part) {
        if (input != FlareNetwork.Input.SERIES) {
            throw new IllegalStateException("FlareEnsemble: a " + input + " ensemble cannot score a series");
        }
        List<SeriesScorer> s = scorers;
        if (s == null) {
            s = members.members().stream().map(SeriesScorer::new).toList();
            scorers = s;
        }
        int n = part.length();
        float[] p = new float[s.size() * n];
        for (int m = 0; m < s.size(); m++) {
            double[] logit = s.get(m).logits(part);
            for (int i = 0; i < n; i++) {
                p[m * n + i] = (float) (1 / (1 + Math.exp(-logit[i])));
            }
        }
        return DeepEnsemble.combine(Tensor.of(p, s.size(), n), combine).to(DType.F64).toDoubleArray();
    }

    public DeepEnsemble.Combine combine() {
        return combine;
    }

    /** This ensemble combining its members another way. */
    public FlareEnsemble withCombine(DeepEnsemble.Combine other) {
        return new FlareEnsemble(members, other, histories, info, input);
    }

    /** The per-epoch metrics of each member's training (empty for a loaded ensemble). */
    public List<History> histories() {
        return histories;
    }

    /** The descriptor's free-form information (how the ensemble was trained). */
    public Map<String, Object> info() {
        return info;
    }

    /** Writes the ensemble to {@code dir} (created if needed); {@code info} goes into the descriptor. */
    public void save(Path dir, Map<String, ?> trainingInfo) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < members.size(); i++) {
            Safetensors.write(dir.resolve("member-" + i + ".safetensors"), StateDict.of(members.members().get(i)),
                    Map.of("format", "pt"));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", input.format());
        d.put("model", "stella-cnn");
        d.put("input", input.name().toLowerCase(Locale.ROOT));
        d.put("window", input.length());
        d.put("members", members.size());
        d.put("combine", combine.name().toLowerCase(Locale.ROOT));
        d.put("training", trainingInfo == null ? Map.of() : trainingInfo);
        AtomicFile.write(dir.resolve(DESCRIPTOR),
                (Json.write(d) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Where the pretrained ensemble lives among the astro jar's resources. */
    public static final String BUNDLED_RESOURCE = "astrograd/astro/models/stella-sector2/";
    /** Where the pretrained series ensemble ({@link FlareNetwork.Input#SERIES}) lives among the resources. */
    public static final String BUNDLED_SERIES_RESOURCE = "astrograd/astro/models/stella-sector2-series/";

    /**
     * The pretrained ensemble shipped in the astro jar: trained by the project on the five bundled stella
     * Sector 2 light curves (its descriptor records the command that trained it).
     */
    public static FlareEnsemble loadBundled() throws IOException {
        return loadBundled(BUNDLED_RESOURCE);
    }

    /**
     * The pretrained series ensemble shipped in the astro jar (trained as the default one, on series inputs: every
     * cadence scored, edges and gaps included, convolutions shared between windows).
     */
    public static FlareEnsemble loadBundledSeries() throws IOException {
        return loadBundled(BUNDLED_SERIES_RESOURCE);
    }

    /**
     * A model folder, or the bundled ensembles by name: {@code null} or "default" (stella's per-window network)
     * and "series".
     */
    public static FlareEnsemble resolve(Path modelOrName) throws IOException {
        if (modelOrName == null || modelOrName.toString().equals("default")) {
            return loadBundled();
        }
        if (modelOrName.toString().equals("series")) {
            return loadBundledSeries();
        }
        return load(modelOrName);
    }

    @SuppressWarnings("unchecked")
    private static FlareEnsemble loadBundled(String resource) throws IOException {
        Path descriptor = astrograd.astro.lightcurve.BundledData.file(resource + DESCRIPTOR);
        Map<String, Object> d = (Map<String, Object>) Json.parse(Files.readString(descriptor));
        int count = ((Number) d.get("members")).intValue();
        for (int i = 0; i < count; i++) {
            astrograd.astro.lightcurve.BundledData.file(resource + "member-" + i + ".safetensors");
        }
        return load(descriptor.getParent());
    }

    /**
     * An untrained ensemble (PyTorch-default initial weights from {@code rng}): what the scoring paths cost does
     * not depend on the weights, so benchmarks time it.
     */
    public static FlareEnsemble untrained(int members, FlareNetwork.Input input, Rng rng) {
        List<Sequential> models = new ArrayList<>();
        for (Rng r : rng.split(members)) {
            models.add(FlareNetwork.create(input, r));
        }
        return of(models, input, DeepEnsemble.Combine.MEAN);
    }

    /** An ensemble of given (trained or not) members, e.g. for tests of the scoring paths. */
    static FlareEnsemble of(List<Sequential> models, FlareNetwork.Input input, DeepEnsemble.Combine combine) {
        models.forEach(Sequential::eval);
        return new FlareEnsemble(DeepEnsemble.of(models), combine, List.of(), new LinkedHashMap<>(), input);
    }

    /** Reads an ensemble written by {@link #save}. */
    @SuppressWarnings("unchecked")
    public static FlareEnsemble load(Path dir) throws IOException {
        Path descriptor = dir.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(descriptor)) {
            throw new IOException(dir + ": not a flare model folder (no " + DESCRIPTOR + ")");
        }
        Map<String, Object> d;
        try {
            d = (Map<String, Object>) Json.parse(Files.readString(descriptor));
        } catch (RuntimeException e) {
            throw new IOException(descriptor + ": not a valid descriptor: " + e.getMessage(), e);
        }
        int format = ((Number) d.getOrDefault("format", -1)).intValue();
        if (!"stella-cnn".equals(d.get("model")) || format < 1 || format > FlareNetwork.Input.values().length) {
            throw new IOException(descriptor + ": unsupported model '" + d.get("model") + "' format " + d.get("format"));
        }
        FlareNetwork.Input input = FlareNetwork.Input.ofFormat(format);
        int count = ((Number) d.get("members")).intValue();
        List<Sequential> models = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sequential m = FlareNetwork.create(input, new Rng(0));
            StateDict.load(m, dir.resolve("member-" + i + ".safetensors"), true);
            models.add(m);
        }
        DeepEnsemble.Combine combine = DeepEnsemble.Combine.valueOf(
                String.valueOf(d.getOrDefault("combine", "mean")).toUpperCase(Locale.ROOT));
        Map<String, Object> info = new LinkedHashMap<>((Map<String, Object>) d.getOrDefault("training", Map.of()));
        return new FlareEnsemble(DeepEnsemble.of(models), combine, List.of(), info, input);
    }
}
