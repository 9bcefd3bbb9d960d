package astrograd.layers.train;

import astrograd.layers.optim.LrSchedule;
import astrograd.layers.optim.ReduceLrOnPlateau;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes and reads {@link Trainer#state()}. A schedule's entries are named by its position and class,
 * {@code "batch_schedule.0.OneCycleLr.epoch"}, so a state cannot be loaded into other schedules by mistake.
 */
final class TrainerState {
    /** The position part of a trainer's state, and the loader's state (null when none was saved). */
    record Position(int epoch, int batch, long globalStep, double lossSum, long examples, Map<String, Tensor> loader) {
    }

    private static final String BATCH = "batch_schedule.";
    private static final String EPOCH = "epoch_schedule.";
    private static final String PLATEAU = "plateau.";
    private static final String LOADER = "loader.";
    private static final String CALLBACK = "callback.";

    private TrainerState() {
    }

    static Map<String, Tensor> of(Trainer t, Position p) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("epoch", CallbackState.integer(p.epoch()));
        s.put("batch", CallbackState.integer(p.batch()));
        s.put("global_step", CallbackState.integer(p.globalStep()));
        s.put("loss_sum", CallbackState.real(p.lossSum()));
        s.put("examples", CallbackState.integer(p.examples()));
        putSchedules(BATCH, t.batchSchedules(), s);
        putSchedules(EPOCH, t.epochSchedules(), s);
        if (t.plateau() != null) {
            t.plateau().state().forEach((k, v) -> s.put(PLATEAU + k, CallbackState.real(v)));
        }
        if (p.loader() != null) {
            p.loader().forEach((k, v) -> s.put(LOADER + k, copy(v)));
        }
        List<StatefulCallback> callbacks = t.statefulCallbacks();
        for (int i = 0; i < callbacks.size(); i++) {
            String name = callbackPrefix(i, callbacks.get(i));
            callbacks.get(i).state().forEach((k, v) -> s.put(name + k, v));
        }
        return s;
    }

    /**
     * Checks the whole state, restores the schedules and returns the position; nothing changes if it throws.
     *
     * @throws IllegalArgumentException for a missing, unknown or malformed entry
     */
    static Position load(Trainer t, Map<String, Tensor> state) {
        Set<String> used = new HashSet<>();
        Position p = new Position((int) integer(state, "epoch", used), (int) integer(state, "batch", used),
                integer(state, "global_step", used), real(state, "loss_sum", used), integer(state, "examples", used),
                loader(state, used));
        if (p.epoch() < 0 || p.batch() < 0 || p.globalStep() < 0 || p.examples() < 0) {
            throw new IllegalArgumentException("Trainer.loadState: negative position " + p);
        }
        List<Map<String, Double>> batch = schedules(BATCH, t.batchSchedules(), state, used);
        List<Map<String, Double>> epoch = schedules(EPOCH, t.epochSchedules(), state, used);
        ReduceLrOnPlateau plateau = t.plateau();
        Map<String, Double> plateauState = plateau == null ? null : values(PLATEAU, plateau.state().keySet(), state, used);
        List<StatefulCallback> callbacks = t.statefulCallbacks();
        List<Map<String, Tensor>> callbackStates = new ArrayList<>();
        for (int i = 0; i < callbacks.size(); i++) {
            callbackStates.add(prefixed(callbackPrefix(i, callbacks.get(i)), state, used));
        }
        Set<String> unknown = new TreeSet<>(state.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Trainer.loadState: unknown entries " + unknown + " (other schedules or no"
                    + " plateau reduction in this trainer?)");
        }
        for (int i = 0; i < callbacks.size(); i++) {
            callbacks.get(i).loadState(callbackStates.get(i)); // first: the only loads that can still refuse
        }
        for (int i = 0; i < batch.size(); i++) {
            t.batchSchedules().get(i).loadState(batch.get(i));
        }
        for (int i = 0; i < epoch.size(); i++) {
            t.epochSchedules().get(i).loadState(epoch.get(i));
        }
        if (plateau != null) {
            plateau.loadState(plateauState);
        }
        return p;
    }

    private static void putSchedules(String prefix, List<LrSchedule> schedules, Map<String, Tensor> s) {
        for (int i = 0; i < schedules.size(); i++) {
            String name = prefix + i + "." + schedules.get(i).getClass().getSimpleName() + ".";
            schedules.get(i).state().forEach((k, v) -> s.put(name + k, CallbackState.real(v)));
        }
    }

    private static List<Map<String, Double>> schedules(String prefix, List<LrSchedule> schedules, Map<String, Tensor> state,
                                                       Set<String> used) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            LrSchedule s = schedules.get(i);
            out.add(values(prefix + i + "." + s.getClass().getSimpleName() + ".", s.state().keySet(), state, used));
        }
        return out;
    }

    private static Map<String, Double> values(String prefix, Set<String> keys, Map<String, Tensor> state, Set<String> used) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, real(state, prefix + k, used));
        }
        return out;
    }

    private static String callbackPrefix(int i, StatefulCallback c) {
        return CALLBACK + i + "." + c.getClass().getSimpleName() + ".";
    }

    private static Map<String, Tensor> loader(Map<String, Tensor> state, Set<String> used) {
        Map<String, Tensor> out = prefixed(LOADER, state, used);
        return out.isEmpty() ? null : out;
    }

    /** The entries under {@code prefix}, renamed without it and copied. */
    private static Map<String, Tensor> prefixed(String prefix, Map<String, Tensor> state, Set<String> used) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), copy(v));
                used.add(k);
            }
        });
        return out;
    }

    private static long integer(Map<String, Tensor> state, String key, Set<String> used) {
        used.add(key);
        return CallbackState.integer(state, key, "Trainer");
    }

    private static double real(Map<String, Tensor> state, String key, Set<String> used) {
        used.add(key);
        return CallbackState.real(state, key, "Trainer");
    }

    /** A new tensor with the same values (the saved map's tensors are never kept). */
    private static Tensor copy(Tensor t) {
        return t.dtype() == DType.I64 ? Tensor.of(t.toLongArray(), t.shape()) : Tensor.of(t.toDoubleArray(), t.shape()).to(t.dtype());
    }
}
