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
 * third of the first batch's time and under {@link #COMPILED_BATCH_NANOS}; at most {@link #TRAINING_NANOS}):
 * C2 often reaches the kernel only after a backlog of other compilations, and when two engine threads ran the
 * profiling code meanwhile the F32 kernel came out with some vector stores on the scalar fallback in about
 * half of the JVMs (a stella training step 13 ms instead of 4). About 0.3 s per kernel, once per JVM.
 */
final class GemmTraining {
    /** Longest wait for one compiled kernel. */
    private static final long TRAINING_NANOS = 2_000_000_000L;
    /** A training batch faster than this ran compiled code (compiled ≈ 0.1 ms; the profiling tier, several ms). */
    private static final long COMPILED_BATCH_NANOS = 500_000L;

    static {
        untilCompiled(GemmKernelF32::trainBatch);
        GemmF32.trainProfiles();
        untilCompiled(GemmKernelF64::trainBatch);
    }

    private GemmTraining() {
    }

    /** Trains on the first call (the class initialization runs once; other threads wait for it). */
    static void ensure() {
        // the work is done by the static initializer
    }

    /** 12 000 calls, then batches of 2 000 until a batch runs compiled code or the time is up. */
    private static void untilCompiled(IntConsumer batch) {
        batch.accept(12_000);
        long deadline = System.nanoTime() + TRAINING_NANOS;
        long first = -1;
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            batch.accept(2_000);
            long time = System.nanoTime() - start;
            if (first < 0) {
                first = time;
            } else if (time * 3 < first && time < COMPILED_BATCH_NANOS) {
                return;
            }
        }
    }
}
