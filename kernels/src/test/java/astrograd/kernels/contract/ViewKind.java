package astrograd.kernels.contract;

/**
 * How a test places a logical shape in storage, so every op meets views, not just dense tensors: the layouts
 * the backend contract promises to honour (offsets, permuted strides, broadcast zero strides, negative strides).
 */
enum ViewKind {
    /** Dense row-major from offset 0. */
    CONTIGUOUS,
    /** Dense row-major from offset 5 (a slice of a larger buffer). */
    OFFSET,
    /** The axes stored in reverse order (a permute/transpose view). */
    PERMUTED,
    /** Axis 0 broadcast with stride 0 (an expand view). */
    BROADCAST,
    /** Axis 0 walked backwards (a flip view). */
    FLIPPED;

    /** Storage size, strides and offset of this placement of {@code shape}. */
    Placement place(int[] shape) {
        int rank = shape.length;
        int[] dense = dense(shape);
        int n = rank == 0 ? 1 : dense[0] * shape[0];
        switch (this) {
            case OFFSET:
                return new Placement(n + 5, dense, 5);
            case PERMUTED: {
                int[] strides = new int[rank];
                int s = 1;
                for (int d = 0; d < rank; d++) {
                    strides[d] = s;
                    s *= shape[d];
                }
                return new Placement(n, strides, 0);
            }
            case BROADCAST: {
                if (rank == 0) {
                    return new Placement(1, dense, 0);
                }
                int[] strides = dense.clone();
                strides[0] = 0;
                return new Placement(Math.max(1, dense[0]), strides, 0);
            }
            case FLIPPED: {
                if (rank == 0 || shape[0] == 0) {
                    return new Placement(n, dense, 0);
                }
                int[] strides = dense.clone();
                strides[0] = -dense[0];
                return new Placement(n, strides, (shape[0] - 1) * dense[0]);
            }
            default:
                return new Placement(n, dense, 0);
        }
    }

    static int[] dense(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= Math.max(shape[d], 1);
        }
        return s;
    }

    /** Where a view's elements live: a buffer of {@code size} elements, strides and offset into it. */
    record Placement(int size, int[] strides, int offset) {
    }
}
