package astrograd.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's one thread pool, sized by {@code -Dastrograd.threads} (default: all cores): the calling
 * thread plus {@code threads - 1} workers. Work is cut into a number of ranges that depends only on the
 * thread count and the work size, never on timing, so results are deterministic for a given thread count.
 *
 * <p>Hand-off is tuned for kernels of tens of microseconds: a worker spins briefly for its next task before
 * parking, and the caller, after running its own range, spins briefly for the others before parking. A
 * worker already busy (another thread's loop) is not waited for: its range runs on the caller. A loop
 * started from inside a range, on a worker or on the caller, runs inline.
 */
public final class EnginePool {
    private static final int THREADS = configuredThreads();
    private static final long SPIN_NANOS = 100_000;
    private static final Worker[] WORKERS = startWorkers(THREADS - 1);
    /** True while this thread runs a range of a parallel loop: nested loops then run inline. */
    private static final ThreadLocal<Boolean> IN_PARALLEL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** A body over a half-open range of indices. */
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
     * when already inside a parallel range.
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
        Join join = new Join(Thread.currentThread());
        for (int p = 1; p < parts; p++) {
            int s = p * per;
            int e = Math.min(n, s + per);
            if (s < e) {
                join.pending.incrementAndGet();
                Runnable task = () -> join.run(body, s, e);
                if (!WORKERS[p - 1].offer(task)) {
                    task.run();
                }
            }
        }
        Throwable own = null;
        IN_PARALLEL.set(Boolean.TRUE);
        try {
            body.run(0, Math.min(n, per));
        } catch (Throwable t) {
            own = t;
        } finally {
            IN_PARALLEL.set(Boolean.FALSE);
        }
        join.await();
        join.rethrow(own);
    }

    /** As {@link #parallelFor(int, int, int, RangeBody)} with alignment 1. */
    public static void parallelFor(int n, int minPerThread, RangeBody body) {
        parallelFor(n, minPerThread, 1, body);
    }

    /** Number of ranges {@link #parallelFor} would use for this work size. */
    public static int partsFor(int n, int minPerThread) {
        if (THREADS == 1 || IN_PARALLEL.get()) {
            return 1;
        }
        long maxParts = n / Math.max(1L, minPerThread);
        return (int) Math.max(1, Math.min(THREADS, maxParts));
    }

    /** Completion of the ranges handed to workers: a countdown, the first failure, and the waiting caller. */
    private static final class Join {
        final AtomicInteger pending = new AtomicInteger();
        final Thread caller;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Join(Thread caller) {
            this.caller = caller;
        }

        void run(RangeBody body, int s, int e) {
            boolean nested = IN_PARALLEL.get();
            IN_PARALLEL.set(Boolean.TRUE);
            try {
                body.run(s, e);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                IN_PARALLEL.set(nested);
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Waits for every handed-out range, also when the caller's own range failed: until then workers may still
         * write into arrays that the failure is about to release to a scope's pool.
         */
        void await() {
            long start = System.nanoTime();
            while (pending.get() > 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 1_000_000);
                }
            }
        }

        /** Throws the caller's own failure (a worker's added as suppressed), else the first worker failure. */
        void rethrow(Throwable own) {
            Throwable t = failure.get();
            if (own != null) {
                if (t != null && t != own) {
                    own.addSuppressed(t);
                }
                t = own;
            }
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A daemon thread with a one-task slot: it spins briefly for the next task, then parks. */
    private static final class Worker extends Thread {
        private final AtomicReference<Runnable> slot = new AtomicReference<>();

        Worker(int id) {
            super("astrograd-engine-" + id);
            setDaemon(true);
        }

        /** Hands a task over unless the worker already holds one. */
        boolean offer(Runnable task) {
            if (!slot.compareAndSet(null, task)) {
                return false;
            }
            LockSupport.unpark(this);
            return true;
        }

        @Override
        public void run() {
            while (true) {
                Runnable task = slot.get();
                if (task == null) {
                    task = waitForTask();
                }
                try {
                    task.run();
                } finally {
                    slot.set(null);
                }
            }
        }

        private Runnable waitForTask() {
            long start = System.nanoTime();
            Runnable task;
            while ((task = slot.get()) == null) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            return task;
        }
    }

    private static Worker[] startWorkers(int n) {
        Worker[] workers = new Worker[Math.max(n, 0)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
        return workers;
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
}
