package astrograd.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's one thread pool, sized by {@code -Dastrograd.threads} (default: all cores). Work is cut into
 * a number of chunks that depends only on the thread count and the work size, never on timing, so results
 * are deterministic for a given thread count. A loop started from inside a share of another loop, on a
 * worker or on the calling thread, runs inline (no nested hand-off, so no thread waits on a busy pool).
 */
public final class EnginePool {
    private static final int THREADS = configuredThreads();
    private static final ForkJoinPool POOL = THREADS > 1 ? newPool(THREADS) : null;
    /** True while this thread runs a share of a parallel loop: nested loops then run inline. */
    private static final ThreadLocal<Boolean> IN_PARALLEL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** A body over a half-open range of chunk-local indices. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    private EnginePool() {
    }

    /** Number of engine threads. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over [0, n) cut into at most {@link #threads()} contiguous ranges whose boundaries
     * are multiples of {@code align}; runs inline when {@code n < 2 * minPerThread}, with one thread, or
     * when already on an engine thread.
     */
    public static void parallelFor(int n, int minPerThread, int align, RangeBody body) {
        int parts = partsFor(n, minPerThread);
        if (parts <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        int per = ((n + parts - 1) / parts + align - 1) / align * align;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        int submitted = 0;
        for (int p = 1; p < parts; p++) {
            int s = p * per;
            int e = Math.min(n, s + per);
            if (s < e) {
                tasks[submitted++] = POOL.submit(() -> body.run(s, e));
            }
        }
        IN_PARALLEL.set(Boolean.TRUE);
        try {
            body.run(0, Math.min(n, per));
        } finally {
            IN_PARALLEL.set(Boolean.FALSE);
        }
        for (int i = 0; i < submitted; i++) {
            tasks[i].join();
        }
    }

    /** As {@link #parallelFor(int, int, int, RangeBody)} with alignment 1. */
    public static void parallelFor(int n, int minPerThread, RangeBody body) {
        parallelFor(n, minPerThread, 1, body);
    }

    /** Number of ranges {@link #parallelFor} would use for this work size. */
    public static int partsFor(int n, int minPerThread) {
        if (POOL == null || Thread.currentThread() instanceof ForkJoinWorkerThread || IN_PARALLEL.get()) {
            return 1;
        }
        long maxParts = n / Math.max(1L, minPerThread);
        return (int) Math.max(1, Math.min(THREADS, maxParts));
    }

    private static int configuredThreads() {
        String p = System.getProperty("astrograd.threads");
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int t = Integer.parseInt(p.trim());
            if (t < 1) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dastrograd.threads must be a positive integer, got '" + p + "'");
        }
    }

    private static ForkJoinPool newPool(int threads) {
        AtomicInteger id = new AtomicInteger();
        // the caller runs one share itself, so threads - 1 workers suffice
        return new ForkJoinPool(threads - 1, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("astrograd-engine-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }
}
