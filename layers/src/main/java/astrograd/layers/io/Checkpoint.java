package astrograd.layers.io;

import astrograd.layers.Module;
import astrograd.layers.train.Trainer;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A training checkpoint in one safetensors file (see {@link Safetensors}):
 * <ul>
 *   <li>the model's parameters and buffers under their dotted names, exactly PyTorch's {@code state_dict}
 *       keys ({@link StateDict#of});</li>
 *   <li>the optimizer's state tensors under {@value #OPTIMIZER_PREFIX}{@code <name>};</li>
 *   <li>for a checkpoint of a {@link Trainer}, its {@link Trainer#state()} (position in the run, schedules,
 *       loader) under {@value #TRAINER_PREFIX}{@code <name>};</li>
 *   <li>in {@code __metadata__}: {@code "format": "pt"} (tensors are in PyTorch's layouts) and under
 *       {@value #METADATA_KEY} a JSON object
 *       <code>{"format_version": 1, "epoch": 12, "config": {...}, "rng": {"key": "…", "counter": "…"},
 *       "streams": {"2.mask": {"key": "…", "counter": "…"}}}</code>
 *       with Rng keys and counters as unsigned decimal strings (JSON numbers lose bits above 2^53),
 *       {@code "rng"} absent when none was saved, and {@code "streams"} (the model's
 *       {@linkplain Module#namedStreams() random streams}, e.g. dropout masks) absent when it has none.</li>
 * </ul>
 * Saving is atomic: a failed save leaves the previous file as it was. In Python the file is a plain
 * safetensors file; the model part loads with {@code model.load_state_dict(tensors, strict=False)}.
 *
 * <p>Config values are JSON values: maps with string keys, lists, strings, numbers, booleans, null. They
 * come back with integers as {@code Long} and other numbers as {@code Double}.
 */
public final class Checkpoint {
    /** The version written by this class; {@link #load} refuses newer ones. */
    public static final int FORMAT_VERSION = 1;
    /** Name prefix of optimizer state tensors. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** The {@code __metadata__} key holding the checkpoint's JSON. */
    public static final String METADATA_KEY = "astrograd.checkpoint";
    /** Name prefix of a trainer's state tensors. */
    public static final String TRAINER_PREFIX = "trainer.";

    private final Path source;
    private final Map<String, Tensor> modelState;
    private final Map<String, Tensor> optimizerState;
    private final Map<String, Tensor> trainerState;
    private final Map<String, Object> config;
    private final long epoch;
    private final long[] rngState;
    private final Map<String, long[]> streams;
    private final int formatVersion;

    private Checkpoint(Path source, Map<String, Tensor> modelState, Map<String, Tensor> optimizerState,
                       Map<String, Tensor> trainerState, Map<String, Object> config, long epoch, long[] rngState,
                       Map<String, long[]> streams, int formatVersion) {
        this.source = source;
        this.modelState = Collections.unmodifiableMap(modelState);
        this.optimizerState = Collections.unmodifiableMap(optimizerState);
        this.trainerState = Collections.unmodifiableMap(trainerState);
        this.config = config;
        this.epoch = epoch;
        this.rngState = rngState;
        this.streams = streams;
        this.formatVersion = formatVersion;
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves a checkpoint atomically.
     *
     * @param config         the model configuration (JSON values; may be null for none)
     * @param optimizerState optimizer tensors by name (may be null or empty), saved with the prefix
     * @param rng            the training stream whose key and counter to save (may be null)
     * @throws IllegalArgumentException if a model key starts with {@value #OPTIMIZER_PREFIX} or the config
     *                                  is not JSON; nothing is written then
     */
    public static void save(Path file, Module model, Map<String, ?> config, Map<String, Tensor> optimizerState,
                            long epoch, Rng rng) throws IOException {
        save(file, model, config, optimizerState, null, epoch, rng, UnaryOperator.identity());
    }

    /**
     * Saves a trainer's whole run atomically: its model, its optimizer's state and its {@link Trainer#state()},
     * with the trainer's current epoch; {@link #restore} puts all three back. Call it between epochs or from a
     * {@link astrograd.layers.train.Callback} at any batch.
     *
     * @param config the model configuration (JSON values; may be null for none)
     */
    public static void save(Path file, Trainer trainer, Map<String, ?> config) throws IOException {
        save(file, trainer.model(), config, trainer.optimizer().state(), trainer.state(), trainer.epoch(), null,
                UnaryOperator.identity());
    }

    static void save(Path file, Module model, Map<String, ?> config, Map<String, Tensor> optimizerState,
                     Map<String, Tensor> trainerState, long epoch, Rng rng, UnaryOperator<WritableByteChannel> decorate)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : StateDict.of(model).entrySet()) {
            for (String prefix : new String[] {OPTIMIZER_PREFIX, TRAINER_PREFIX}) {
                if (e.getKey().startsWith(prefix)) {
                    throw new IllegalArgumentException("checkpoint " + file + ": model key '" + e.getKey()
                            + "' collides with the prefix '" + prefix + "'");
                }
            }
            tensors.put(e.getKey(), e.getValue());
        }
        if (optimizerState != null) {
            optimizerState.forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
        }
        if (trainerState != null) {
            trainerState.forEach((name, t) -> tensors.put(TRAINER_PREFIX + name, t));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("format_version", FORMAT_VERSION);
        info.put("epoch", epoch);
        info.put("config", config == null ? Map.of() : config);
        if (rng != null) {
            info.put("rng", rngJson(rng));
        }
        Map<String, Rng> modelStreams = model.namedStreams();
        if (!modelStreams.isEmpty()) {
            Map<String, Object> streamJson = new LinkedHashMap<>();
            modelStreams.forEach((name, r) -> streamJson.put(name, rngJson(r)));
            info.put("streams", streamJson);
        }
        String infoJson;
        try {
            infoJson = Json.write(info);
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": config is not JSON: " + e.getMessage(), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(METADATA_KEY, infoJson);
        Safetensors.write(file, tensors, metadata, decorate);
    }

    private static Map<String, Object> rngJson(Rng rng) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("key", Long.toUnsignedString(rng.key()));
        state.put("counter", Long.toUnsignedString(rng.counter()));
        return state;
    }

    // ---------------------------------------------------------------- loading

    /**
     * A {@link astrograd.layers.train.KeepBest.Listener} that writes a checkpoint (atomically, replacing the
     * previous best) each time the monitored metric improves: the model, the optimizer's state when one is
     * given, the epoch, and the config.
     */
    public static astrograd.layers.train.KeepBest.Listener writeOnBest(Path file, Map<String, ?> config,
                                                                         astrograd.layers.optim.Optimizer optimizer) {
        return (epoch, metrics, model) -> {
            try {
                save(file, model, config, optimizer == null ? null : optimizer.state(), epoch, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("keep-best checkpoint " + file + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws SafetensorsException if the file is not valid safetensors, has no checkpoint metadata, or
     *                              its metadata is malformed or of a newer format version
     */
    public static Checkpoint load(Path file) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        String json = contents.metadata().get(METADATA_KEY);
        if (json == null) {
            throw new SafetensorsException(file, "no \"" + METADATA_KEY + "\" in __metadata__: not an astrograd checkpoint"
                    + " (use Safetensors.read or StateDict.load for plain state dicts)");
        }
        Map<?, ?> info = checkpointInfo(file, json);
        int version = (int) integer(file, info, "format_version");
        if (version < 1 || version > FORMAT_VERSION) {
            throw new SafetensorsException(file, "checkpoint format version " + version + " is not supported (this"
                    + " build reads 1.." + FORMAT_VERSION + ")");
        }
        long epoch = integer(file, info, "epoch");
        Object config = info.get("config");
        if (!(config instanceof Map)) {
            throw new SafetensorsException(file, "checkpoint \"config\" must be a JSON object");
        }
        long[] rng = info.containsKey("rng") ? rngState(file, info.get("rng")) : null;
        Map<String, long[]> streams = info.containsKey("streams") ? streams(file, info.get("streams")) : null;
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        Map<String, Tensor> trainer = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizer.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            } else if (name.startsWith(TRAINER_PREFIX)) {
                trainer.put(name.substring(TRAINER_PREFIX.length()), t);
            } else {
                model.put(name, t);
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = (Map<String, Object>) config;
        return new Checkpoint(file, model, optimizer, trainer, configMap, epoch, rng, streams, version);
    }

    private static Map<String, long[]> streams(Path file, Object v) throws SafetensorsException {
        if (!(v instanceof Map)) {
            throw new SafetensorsException(file, "checkpoint \"streams\" must be a JSON object, got " + Json.write(v));
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            out.put((String) e.getKey(), rngState(file, e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<?, ?> checkpointInfo(Path file, String json) throws SafetensorsException {
        try {
            Object parsed = Json.parse(json);
            if (parsed instanceof Map) {
                return (Map<?, ?>) parsed;
            }
        } catch (Json.JsonException e) {
            throw new SafetensorsException(file, "checkpoint metadata is not valid JSON: " + e.getMessage(), e);
        }
        throw new SafetensorsException(file, "checkpoint metadata must be a JSON object");
    }

    private static long integer(Path file, Map<?, ?> info, String key) throws SafetensorsException {
        Object v = info.get(key);
        if (!(v instanceof Long)) {
            throw new SafetensorsException(file, "checkpoint \"" + key + "\" must be an integer, got " + Json.write(v));
        }
        return (Long) v;
    }

    private static long[] rngState(Path file, Object v) throws SafetensorsException {
        if (v instanceof Map && ((Map<?, ?>) v).get("key") instanceof String && ((Map<?, ?>) v).get("counter") instanceof String) {
            try {
                return new long[] {Long.parseUnsignedLong((String) ((Map<?, ?>) v).get("key")),
                    Long.parseUnsignedLong((String) ((Map<?, ?>) v).get("counter"))};
            } catch (NumberFormatException e) {
                throw new SafetensorsException(file, "checkpoint \"rng\" key and counter must be unsigned 64-bit"
                        + " decimals, got " + Json.write(v), e);
            }
        }
        throw new SafetensorsException(file, "checkpoint \"rng\" must be {\"key\": \"…\", \"counter\": \"…\"}, got "
                + Json.write(v));
    }

    // ---------------------------------------------------------------- contents

    /** The file this checkpoint was read from. */
    public Path source() {
        return source;
    }

    /** Model parameters and buffers by dotted name. */
    public Map<String, Tensor> modelState() {
        return modelState;
    }

    /** Optimizer state tensors by name, without the prefix. */
    public Map<String, Tensor> optimizerState() {
        return optimizerState;
    }

    /** A trainer's state tensors by name, without the prefix (empty unless saved from a {@link Trainer}). */
    public Map<String, Tensor> trainerState() {
        return trainerState;
    }

    /** The model configuration (unmodifiable; integers as Long, other numbers as Double). */
    public Map<String, Object> config() {
        return config;
    }

    public long epoch() {
        return epoch;
    }

    /** True if an Rng state was saved. */
    public boolean hasRng() {
        return rngState != null;
    }

    /**
     * A new stream at the saved key and counter (each call gives an independent copy).
     *
     * @throws IllegalStateException if none was saved
     */
    public Rng rng() {
        if (rngState == null) {
            throw new IllegalStateException("checkpoint " + source + " has no saved Rng");
        }
        return new Rng(rngState[0], rngState[1]);
    }

    public int formatVersion() {
        return formatVersion;
    }

    /** Loads the model state strictly: the key sets, shapes and dtypes must match exactly. */
    public StateDict.LoadResult loadInto(Module model) {
        return loadInto(model, true);
    }

    /**
     * Loads the model state, and the positions of its random streams where the checkpoint has them (files
     * written before streams were saved have none); non-strict loading skips missing and unexpected keys
     * (returned) and streams on one side only, but shape and dtype mismatches are errors either way, and
     * strict loading needs the same streams too. Nothing changes if it throws.
     *
     * @throws StateDict.MismatchException listing the offending keys
     * @throws IllegalArgumentException if strict and the streams differ
     */
    public StateDict.LoadResult loadInto(Module model, boolean strict) {
        Map<String, Rng> current = model.namedStreams();
        if (streams != null && strict && !streams.keySet().equals(current.keySet())) {
            throw new IllegalArgumentException("loading checkpoint " + source + " into " + model.getClass().getSimpleName()
                    + " (strict): the model's random streams " + current.keySet() + " are not the saved " + streams.keySet());
        }
        StateDict.LoadResult result = StateDict.load(model, modelState, strict, "checkpoint " + source);
        if (streams != null) {
            streams.forEach((name, s) -> {
                if (current.containsKey(name)) {
                    model.setStreamByName(name, new Rng(s[0], s[1]));
                }
            });
        }
        return result;
    }

    /**
     * Restores a run saved by {@link #save(Path, Trainer, Map)} into {@code trainer}: the model (strictly, see
     * {@link #loadInto(Module)}), the optimizer's state and the trainer's state; then
     * {@link Trainer#resume} continues it. The trainer must have the same model architecture, optimizer kind and
     * schedules as the saved one.
     *
     * @throws IllegalStateException if the checkpoint holds no trainer state
     */
    public void restore(Trainer trainer) {
        if (trainerState.isEmpty()) {
            throw new IllegalStateException("checkpoint " + source + " holds no trainer state (saved without a Trainer)");
        }
        loadInto(trainer.model());
        trainer.optimizer().loadState(optimizerState);
        trainer.loadState(trainerState);
    }
}
