package astrograd.tensor.ops;

/** How {@code Tensor.pad} fills the new border. */
public enum PadMode {
    /** A constant value. */
    CONSTANT,
    /** Wrap around (periodic): index i reads x[(i - before) mod n]; pads may exceed the axis length. */
    CIRCULAR,
    /** Mirror without repeating the edge (as PyTorch's 'reflect'), continued periodically for long pads. */
    REFLECT,
    /** Repeat the edge value. */
    REPLICATE;

    /**
     * The index in [0, n) that padded position {@code p} reads, where p counts from the first original
     * element (negative in the leading pad, &gt;= n in the trailing pad). Not defined for CONSTANT.
     */
    public int source(int p, int n) {
        switch (this) {
            case CIRCULAR:
                return Math.floorMod(p, n);
            case REPLICATE:
                return Math.max(0, Math.min(n - 1, p));
            case REFLECT: {
                int period = 2 * (n - 1);
                int q = Math.floorMod(p, period);
                return q < n ? q : period - q;
            }
            default:
                throw new IllegalStateException("pad: CONSTANT padding reads no source index");
        }
    }

    /** The source index of every position of an axis of length n padded by (before, after). */
    public long[] sourceIndex(int n, int before, int after) {
        long[] idx = new long[n + before + after];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = source(i - before, n);
        }
        return idx;
    }
}
