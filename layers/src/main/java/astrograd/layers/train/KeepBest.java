package astrograd.layers.train;

import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the parameters and buffers of the epoch with the best monitored metric in memory and restores them
 * when training ends. Tensors are immutable, so a snapshot holds references, not copies. Writing files is
 * the checkpoint helper's job: a {@link Listener} is told of every new best. Its {@link #state()} (the best
 * value and epoch, and the snapshot) goes into a trainer's checkpoint, so a resumed run restores the same best.
 */
public final class KeepBest implements StatefulCallback {
    /** Told of each new best epoch, after the snapshot is taken (e.g. to write a checkpoint). */
    public interface Listener {
        void onNewBest(int epoch, Map<String, Double> metrics, Module model);
    }

    private static final String PARAM = "param.";
    private static final String BUFFER = "buffer.";
    private final Module model;
    private final String monitor;
    private final Mode mode;
    private final Listener listener;
    private final boolean restoreAtEnd;
    private double best;
    private int bestEpoch = -1;
    private Map<String, Tensor> parameters;
    private Map<String, Tensor> buffers;

    public KeepBest(Module model, String monitor, Mode mode) {
        this(model, monitor, mode, null, true);
    }

    /**
     * @param listener told of every new best, or null
     * @param restoreAtEnd install the best snapshot when training ends
     */
    public KeepBest(Module model, String monitor, Mode mode, Listener listener, boolean restoreAtEnd) {
        this.model = model;
        this.monitor = monitor;
        this.mode = mode;
        this.listener = listener;
        this.restoreAtEnd = restoreAtEnd;
        this.best = mode.worst();
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
        double current = Trainer.metric(metrics, monitor, "KeepBest");
        if (!mode.improves(current, best, 0)) {
            return;
        }
        best = current;
        bestEpoch = epoch;
        parameters = new LinkedHashMap<>();
        model.namedParameters().forEach((n, p) -> parameters.put(n, p.value()));
        buffers = new LinkedHashMap<>(model.namedBuffers());
        if (listener != null) {
            listener.onNewBest(epoch, metrics, model);
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (restoreAtEnd) {
            restore();
        }
    }

    /** Installs the best snapshot into the model (no-op before the first epoch ended). */
    public void restore() {
        if (parameters == null) {
            return;
        }
        Map<String, Parameter> current = model.namedParameters();
        parameters.forEach((n, v) -> current.get(n).set(v));
        buffers.forEach((n, v) -> {
            if (v != null) {
                model.setBufferByName(n, v);
            }
        });
    }

    /** The best epoch so far, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double best() {
        return best;
    }

    /** The parameter values of the best epoch by dotted name (null before the first epoch ended). */
    public Map<String, Tensor> bestParameters() {
        return parameters == null ? null : java.util.Collections.unmodifiableMap(parameters);
    }

    /** {@code best} (F64), {@code best_epoch} (I64), and the snapshot as {@code param.<name>} and {@code buffer.<name>}. */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("best", CallbackState.real(best));
        s.put("best_epoch", CallbackState.integer(bestEpoch));
        if (parameters != null) {
            parameters.forEach((n, v) -> s.put(PARAM + n, v));
            buffers.forEach((n, v) -> {
                if (v != null) {
                    s.put(BUFFER + n, v);
                }
            });
        }
        return s;
    }

    /** @throws IllegalArgumentException when the snapshot names a parameter or buffer the model lacks, or misses one */
    @Override
    public void loadState(Map<String, Tensor> state) {
        double b = CallbackState.real(state, "best", "KeepBest");
        long epoch = CallbackState.integer(state, "best_epoch", "KeepBest");
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> bufs = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(PARAM)) {
                params.put(k.substring(PARAM.length()), v);
            } else if (k.startsWith(BUFFER)) {
                bufs.put(k.substring(BUFFER.length()), v);
            } else if (!k.equals("best") && !k.equals("best_epoch")) {
                throw new IllegalArgumentException("KeepBest.loadState: unknown entry '" + k + "'");
            }
        });
        if (!params.isEmpty() && !params.keySet().equals(model.namedParameters().keySet())) {
            throw new IllegalArgumentException("KeepBest.loadState: the snapshot's parameters " + params.keySet()
                    + " are not the model's " + model.namedParameters().keySet());
        }
        if (!model.namedBuffers().keySet().containsAll(bufs.keySet())) {
            throw new IllegalArgumentException("KeepBest.loadState: the snapshot's buffers " + bufs.keySet()
                    + " are not all the model's " + model.namedBuffers().keySet());
        }
        best = b;
        bestEpoch = (int) epoch;
        parameters = params.isEmpty() ? null : params;
        buffers = params.isEmpty() ? null : bufs;
    }
}
