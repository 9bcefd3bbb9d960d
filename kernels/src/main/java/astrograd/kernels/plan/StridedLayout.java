package astrograd.kernels.plan;

import java.util.Arrays;

/**
 * The strided view a kernel walks, as the {@code Layout} struct of {@code common.cuh}: element {@code i} of the
 * row-major walk over {@code dims} sits at {@code offset + sum(idx[d] * strides[d])}. Built by
 * {@link LayoutPacker}, which merges axes first so that most views need one or two.
 *
 * @param dims sizes of the (merged) axes; at most {@link #MAX_RANK}
 * @param strides element strides of the axes (any sign, 0 for broadcast)
 * @param offset element offset of element 0
 */
public record StridedLayout(int[] dims, int[] strides, int offset) {
    /** {@code AG_MAX_RANK} of common.cuh. */
    public static final int MAX_RANK = 8;
    /** Ints in the packed struct: rank, contiguous, offset, dims[8], strides[8]. */
    public static final int PACKED_INTS = 3 + 2 * MAX_RANK;

    public StridedLayout {
        if (dims.length != strides.length) {
            throw new IllegalArgumentException("dims and strides differ in length");
        }
        if (dims.length > MAX_RANK) {
            throw new UnsupportedOperationException("a view with " + dims.length + " axes that cannot be merged is not yet "
                    + "on CUDA (kernels take at most " + MAX_RANK + "); make it contiguous first");
        }
    }

    /** A contiguous layout of n elements from offset. */
    public static StridedLayout contiguous(int n, int offset) {
        return new StridedLayout(new int[] {n}, new int[] {1}, offset);
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Whether element i sits at offset + i (the kernels' fast path). */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= dims[d];
        }
        return true;
    }

    /** Storage offset of element i, as the kernel computes it ({@code ag_offset}). */
    public int offsetOf(int i) {
        int off = offset;
        for (int d = dims.length - 1; d >= 0; d--) {
            int q = i / dims[d];
            off += (i - q * dims[d]) * strides[d];
            i = q;
        }
        return off;
    }

    /** The struct's fields in order: rank, contiguous, offset, dims padded to 8, strides padded to 8. */
    public int[] pack() {
        int[] p = new int[PACKED_INTS];
        p[0] = dims.length;
        p[1] = isContiguous() ? 1 : 0;
        p[2] = offset;
        for (int d = 0; d < dims.length; d++) {
            p[3 + d] = dims[d];
            p[3 + MAX_RANK + d] = strides[d];
        }
        for (int d = dims.length; d < MAX_RANK; d++) {
            p[3 + d] = 1;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StridedLayout && Arrays.equals(dims, ((StridedLayout) o).dims)
                && Arrays.equals(strides, ((StridedLayout) o).strides) && offset == ((StridedLayout) o).offset;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(dims) + Arrays.hashCode(strides)) + offset;
    }

    @Override
    public String toString() {
        return "dims " + Arrays.toString(dims) + " strides " + Arrays.toString(strides) + " offset " + offset;
    }
}
