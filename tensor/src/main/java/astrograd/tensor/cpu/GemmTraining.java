package astrograd.tensor.cpu;

import java.util.function.IntConsumer;

/**
 * Runs the GEMM profile training (the tiles' {@link GemmKernelF32#trainBatch} and {@link GemmKernelF64#trainBatch},
 * and {@link GemmF32#trainProfiles}) once, on the first product, from this holder's class initialization.
 *
 * <p>Not from the kernels' own static initializers: while a class is still being initialized its static
 * finals are not constants to C2, so a kernel compiled during its own class's training saw a non-constant
 * vector species, compiled every Vector API call as a boxed fallback (a 100 KB method instead of 10 KB) with
 * an "initialized" trap at its entry, and was thrown away at the first real call; the recompilation then
 * came out slow again in about one JVM in six (a GRU forward pass 27 ms instead of 4). Here the kernels'
 * classes are initialized before the training starts.
 *
 * <p>Each tile is trained, single-threaded, until its compiled code is in place (a batch of calls at under a
 * third of the first calls' time per call and under {@link #COMPILED_BATCH_NANOS}; at most
 * {@link #TRAINING_NANOS}): C2 often reaches the kernel only after a backlog of other compilations, and when two
 * engine threads ran the profiling code meanwhile the F32 kernel came out with some vector stores on the scalar
 * fallback in about half of the JVMs (a stella training step 13 ms instead of 4). 0.35–0.5 s in all, once per
 * JVM. Skipped where there is no JIT to train.
 */
final class GemmTraining {
    /** Depth of the F32 training k-blocks (see {@link GemmKernelF32#trainBatch}). */
    static final int DEPTH = 60;
    /** Longest wait for one compiled kernel. */
    private static final long TRAINING_NANOS = 2_000_000_000L;
    /** Calls before the first check: C2 compiles the F32 tile after about 600 calls of {@link #DEPTH} steps. */
    private static final int FIRST_CALLS = 3_000;
    /** Calls per later batch. */
    private static final int BATCH_CALLS = 500;
    /**
     * A batch faster than this ran the final compiled code (about 0.2 ms; the profiling tiers and intermediate
     * compilations, 0.7 ms or more).
     */
    private static final long COMPILED_BATCH_NANOS = 350_000L;

    static {
        if (!interpretedOnly()) {
            untilCompiled(GemmKernelF32::trainBatch);
            GemmF32.trainProfiles();
            untilCompiled(GemmKernelF64::trainBatch);
        }
    }

    private GemmTraining() {
    }

    /** Trains on the first call (the class initialization runs once; other threads wait for it). */
    static void ensure() {
        // the work is done by the static initializer
    }

    /** True in a JVM without a JIT ({@code -Xint}, used by the determinism tests), where training would only take minutes. */
    private static boolean interpretedOnly() {
        return System.getProperty("java.vm.info", "").startsWith("interpreted");
    }

    /**
     * {@link #FIRST_CALLS} calls, then batches of {@link #BATCH_CALLS} until one runs compiled code (a third of the
     * first calls' time per call or less, and under {@link #COMPILED_BATCH_NANOS}) or the time is up.
     */
    private static void untilCompiled(IntConsumer batch) {
        long start = System.nanoTime();
        batch.accept(FIRST_CALLS);
        double firstPerCall = (System.nanoTime() - start) / (double) FIRST_CALLS;
        long deadline = System.nanoTime() + TRAINING_NANOS;
        while (System.nanoTime() < deadline) {
            long batchStart = System.nanoTime();
            batch.accept(BATCH_CALLS);
            long time = System.nanoTime() - batchStart;
            if (time * 3 < firstPerCall * BATCH_CALLS && time < COMPILED_BATCH_NANOS) {
                return;
            }
        }
    }
}
