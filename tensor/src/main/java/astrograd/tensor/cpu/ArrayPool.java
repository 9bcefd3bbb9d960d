package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Arrays released by {@link astrograd.tensor.TensorScope}s, kept for reuse by exact dtype and length.
 * Only arrays of at least {@link #MIN_ELEMENTS} elements are pooled (smaller ones are cheap to allocate);
 * the pool holds at most {@code -Dastrograd.cpuPoolMiB} (default 1024) MiB and drops what exceeds it.
 */
final class ArrayPool {
    static final int MIN_ELEMENTS = 1 << 14;
    private static final long MAX_BYTES = Long.getLong("astrograd.cpuPoolMiB", 1024) << 20;
    private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();
    private static long bytes;

    private ArrayPool() {
    }

    private static long key(DType dtype, int n) {
        return ((long) dtype.ordinal() << 32) | n;
    }

    /** A pooled array of exactly this dtype and length, with stale contents, or null. */
    static synchronized Object take(DType dtype, int n) {
        if (n < MIN_ELEMENTS) {
            return null;
        }
        ArrayDeque<Object> q = FREE.get(key(dtype, n));
        Object a = q == null ? null : q.pollLast();
        if (a != null) {
            bytes -= (long) n * dtype.byteSize();
        }
        return a;
    }

    static synchronized void give(DType dtype, Object array, int n) {
        long size = (long) n * dtype.byteSize();
        if (n < MIN_ELEMENTS || bytes + size > MAX_BYTES) {
            return;
        }
        FREE.computeIfAbsent(key(dtype, n), k -> new ArrayDeque<>()).addLast(array);
        bytes += size;
    }
}
