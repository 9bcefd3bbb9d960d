package astrograd.layers.train;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Scalar entries of a saved state: one F64 or I64 value each, read back with a message naming the owner. */
final class CallbackState {
    private CallbackState() {
    }

    static Tensor real(double v) {
        return Tensor.scalar(v, DType.F64);
    }

    static Tensor integer(long v) {
        return Tensor.of(new long[] {v}, new int[0]);
    }

    static double real(Map<String, Tensor> state, String key, String owner) {
        return entry(state, key, DType.F64, owner).toDoubleArray()[0];
    }

    static long integer(Map<String, Tensor> state, String key, String owner) {
        return entry(state, key, DType.I64, owner).toLongArray()[0];
    }

    /** @throws IllegalArgumentException naming the entries of {@code state} outside {@code known} */
    static void noOthers(Map<String, Tensor> state, Set<String> known, String owner) {
        Set<String> unknown = new TreeSet<>(state.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + ".loadState: unknown entries " + unknown);
        }
    }

    private static Tensor entry(Map<String, Tensor> state, String key, DType dtype, String owner) {
        Tensor t = state.get(key);
        if (t == null || t.numel() != 1 || t.dtype() != dtype) {
            throw new IllegalArgumentException(owner + ".loadState: needs '" + key + "' as one " + dtype + " value, got "
                    + (t == null ? "none" : t.dtype() + " of " + t.numel() + " elements"));
        }
        return t;
    }
}
