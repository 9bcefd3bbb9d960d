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
    private static final int FORMAT = 1;
    private static final int PREDICT_BATCH = 2048;

    /**
     * Training settings.
     *
     * @param progress draw a progress bar per member (only on a terminal)
     */
    public record TrainConfig(int members, int epochs, int batchSize, double learningRate,
            DeepEnsemble.Combine combine, boolean progress) {
        public TrainConfig {
            if (members < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("FlareEnsemble: members, epochs and batch size must be ≥ 1 and the"
                        + " learning rate > 0, got " + members + ", " + epochs + ", " + batchSize + ", " + learningRate);
            }
        }

        /** stella's settings: Adam(lr 1e-3), batch 64, mean of the members. */
        public static TrainConfig of(int members, int epochs) {
            return new TrainConfig(members, epochs, 64, 1e-3, DeepEnsemble.Combine.MEAN, true);
        }
    }

    private final DeepEnsemble<Sequential> members;
    private final DeepEnsemble.Combine combine;
    private final List<History> histories;
    private final Map<String, Object> info;

    private FlareEnsemble(DeepEnsemble<Sequential> members, DeepEnsemble.Combine combine, List<History> histories,
                          Map<String, Object> info) {
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
        List<History> histories = new ArrayList<>();
        Tensor x = train.inputs();
        Tensor y = train.labels();
        DeepEnsemble<Sequential> ensemble = DeepEnsemble.train(config.members(), rng,
                (i, r) -> FlareNetwork.create(r),
                (i, model, r) -> {
                    long start = System.nanoTime();
                    History h = trainMember(i, model, x, y, validation, config, r);
                    histories.add(h);
                    if (log != null) {
                        log.accept(memberSummary(i, config.members(), h, (System.nanoTime() - start) / 1e9));
                    }
                });
        return new FlareEnsemble(ensemble, config.combine(), histories, new LinkedHashMap<>());
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

    public DeepEnsemble.Combine combine() {
        return combine;
    }

    /** This ensemble combining its members another way. */
    public FlareEnsemble withCombine(DeepEnsemble.Combine other) {
        return new FlareEnsemble(members, other, histories, info);
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
        d.put("format", FORMAT);
        d.put("model", "stella-cnn");
        d.put("window", Windows.LENGTH);
        d.put("members", members.size());
        d.put("combine", combine.name().toLowerCase(Locale.ROOT));
        d.put("training", trainingInfo == null ? Map.of() : trainingInfo);
        AtomicFile.write(dir.resolve(DESCRIPTOR),
                (Json.write(d) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Where the pretrained ensemble lives among the astro jar's resources. */
    public static final String BUNDLED_RESOURCE = "astrograd/astro/models/stella-sector2/";

    /**
     * The pretrained ensemble shipped in the astro jar: trained by the project on the five bundled stella
     * Sector 2 light curves (its descriptor records the command that trained it).
     */
    @SuppressWarnings("unchecked")
    public static FlareEnsemble loadBundled() throws IOException {
        Path descriptor = astrograd.astro.lightcurve.BundledData.file(BUNDLED_RESOURCE + DESCRIPTOR);
        Map<String, Object> d = (Map<String, Object>) Json.parse(Files.readString(descriptor));
        int count = ((Number) d.get("members")).intValue();
        for (int i = 0; i < count; i++) {
            astrograd.astro.lightcurve.BundledData.file(BUNDLED_RESOURCE + "member-" + i + ".safetensors");
        }
        return load(descriptor.getParent());
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
        if (!"stella-cnn".equals(d.get("model")) || ((Number) d.getOrDefault("format", -1)).intValue() != FORMAT) {
            throw new IOException(descriptor + ": unsupported model '" + d.get("model") + "' format " + d.get("format"));
        }
        int count = ((Number) d.get("members")).intValue();
        List<Sequential> models = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sequential m = FlareNetwork.create(new Rng(0));
            StateDict.load(m, dir.resolve("member-" + i + ".safetensors"), true);
            models.add(m);
        }
        DeepEnsemble.Combine combine = DeepEnsemble.Combine.valueOf(
                String.valueOf(d.getOrDefault("combine", "mean")).toUpperCase(Locale.ROOT));
        Map<String, Object> info = new LinkedHashMap<>((Map<String, Object>) d.getOrDefault("training", Map.of()));
        return new FlareEnsemble(DeepEnsemble.of(models), combine, List.of(), info);
    }
}
