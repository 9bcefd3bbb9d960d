package astrograd.kernels.plan;

import astrograd.kernels.driver.Launch;

/**
 * How {@code reduce_<op>_<dtype>} (reduce.cuh) splits a reduction of {@code outputs} results of {@code inner}
 * elements each: a group of {@code groupSize} threads per output part, and {@code splits} parts per output of
 * {@code chunk} elements each (the last may be shorter; none is empty). With {@code splits > 1} the kernel writes
 * {@code outputs * splits} partials and a second pass (planned with {@link #of} on {@code (outputs, splits)})
 * reduces them.
 *
 * <p>The plan depends on the two sizes only, never on the GPU, so a shape sums in the same order, and to the same
 * bits, on every device and in every run.
 *
 * @param groupSize threads per group: 32, 64, 128 or 256
 * @param splits parts per output
 * @param chunk elements per part
 * @param launch blocks of 256 threads; the kernel loops when there are more groups than the grid holds
 */
public record ReducePlan(int groupSize, int splits, int chunk, Launch launch) {
    /** {@code AG_REDUCE_THREADS}. */
    public static final int THREADS = 256;
    /** Enough groups to keep a large GPU busy; fewer outputs than this are split when they are long. */
    static final int TARGET_GROUPS = 2048;
    /** Elements per thread below which a part is not worth splitting further. */
    static final int MIN_PER_THREAD = 16;

    /**
     * The plan for {@code outputs >= 1} results of {@code inner >= 0} elements.
     */
    public static ReducePlan of(int outputs, int inner) {
        if (outputs < 1 || inner < 0) {
            throw new IllegalArgumentException("reduce plan for " + outputs + " outputs of " + inner + " elements");
        }
        int group = groupSize(inner);
        int splits = 1;
        if (outputs < TARGET_GROUPS) {
            long wanted = (TARGET_GROUPS + outputs - 1) / outputs;
            long worth = Math.max(1, inner / ((long) group * MIN_PER_THREAD));
            splits = (int) Math.min(wanted, worth);
        }
        int chunk = splits == 1 ? inner : (int) ((inner + (long) splits - 1) / splits);
        if (splits > 1) {
            splits = (int) ((inner + (long) chunk - 1) / chunk);
        }
        long groups = (long) outputs * splits;
        if (groups > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("a reduction of " + groups + " parts is not yet on CUDA");
        }
        int perBlock = THREADS / group;
        long blocks = Math.min((groups + perBlock - 1) / perBlock, LaunchPlanner.MAX_BLOCKS);
        return new ReducePlan(group, splits, chunk, Launch.linear((int) blocks, THREADS));
    }

    /** Threads per output: about a quarter as many as elements, a power of two from 32 to 256. */
    static int groupSize(int inner) {
        int g = 32;
        while (g < 256 && (long) g * 4 < inner) {
            g <<= 1;
        }
        return g;
    }

    /** Groups the kernel runs: {@code outputs * splits}. */
    public int groups(int outputs) {
        return outputs * splits;
    }
}
