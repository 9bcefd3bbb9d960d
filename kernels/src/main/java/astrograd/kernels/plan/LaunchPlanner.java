package astrograd.kernels.plan;

import astrograd.kernels.driver.Launch;

/**
 * Grid and block shapes for the elementwise, copy, fill and Philox kernels, which all walk their elements with a
 * grid-stride loop (so any grid is correct, and the grid only sets how much runs at once). Pure functions of
 * the sizes: the same shape launches the same way on every GPU.
 */
public final class LaunchPlanner {
    /** Threads per block of the one-dimensional kernels. */
    public static final int THREADS = 256;
    /**
     * Most blocks of a one-dimensional launch: 8192 blocks of 256 threads keep every SM of an H100 (132) busy with
     * room to spare; past that each thread loops.
     */
    public static final int MAX_BLOCKS = 8192;

    private LaunchPlanner() {
    }

    /** A launch covering {@code work} items (elements, or Philox blocks) with one thread each, capped. */
    public static Launch linear(long work) {
        if (work <= 0) {
            throw new IllegalArgumentException("nothing to launch for " + work + " items");
        }
        long blocks = Math.min((work + THREADS - 1) / THREADS, MAX_BLOCKS);
        return Launch.linear((int) blocks, THREADS);
    }
}
