package astrograd.tensor.cpu;

/**
 * Runs the GEMM profile training ({@link GemmKernelF32#trainProfile}, {@link GemmF32#trainProfiles} and
 * their F64 twins) once, on the first product, from this holder's class initialization.
 *
 * <p>Not from the kernels' own static initializers: while a class is still being initialized its static
 * finals are not constants to C2, so a kernel compiled during its own class's training saw a non-constant
 * vector species, compiled every Vector API call as a boxed fallback (a 100 KB method instead of 10 KB) with
 * an "initialized" trap at its entry, and was thrown away at the first real call; the recompilation then
 * came out slow again in about one JVM in six (a GRU forward pass 27 ms instead of 4). Here the kernels'
 * classes are initialized before the training starts.
 */
final class GemmTraining {
    static {
        GemmKernelF32.trainProfile();
        GemmF32.trainProfiles();
        GemmKernelF64.trainProfile();
    }

    private GemmTraining() {
    }

    /** Trains on the first call (the class initialization runs once; other threads wait for it). */
    static void ensure() {
        // the work is done by the static initializer
    }
}
