package astrograd.kernels.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns views of one shape into the {@link StridedLayout}s a kernel walks together. Axes of size 1 are dropped,
 * and neighbouring axes {@code d, d+1} are merged when every operand has {@code stride[d] = stride[d+1] *
 * dims[d+1]}, so the walk visits the same offsets in the same order with fewer axes (fewer divisions per
 * element; a dense view becomes one axis and takes the kernels' contiguous fast path).
 */
public final class LayoutPacker {
    private LayoutPacker() {
    }

    /** The layout of one view. */
    public static StridedLayout of(int[] shape, int[] strides, int offset) {
        return joint(shape, new int[][] {strides}, new int[] {offset})[0];
    }

    /**
     * Layouts of several views of the same {@code shape} walked together: element i of each is the same
     * index tuple, so axes merge only where all of them allow it.
     */
    public static StridedLayout[] joint(int[] shape, int[][] strides, int[] offsets) {
        int ops = strides.length;
        List<Integer> dims = new ArrayList<>();
        List<int[]> st = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            int[] s = new int[ops];
            for (int k = 0; k < ops; k++) {
                s[k] = strides[k][d];
            }
            int last = dims.size() - 1;
            if (last >= 0 && mergeable(st.get(last), s, shape[d])) {
                dims.set(last, dims.get(last) * shape[d]);
                st.set(last, s);
            } else {
                dims.add(shape[d]);
                st.add(s);
            }
        }
        if (dims.isEmpty() || dims.contains(0)) {
            // a scalar, or nothing to walk: one axis keeps the kernels' loops simple
            int n = dims.contains(0) ? 0 : 1;
            StridedLayout[] out = new StridedLayout[ops];
            for (int k = 0; k < ops; k++) {
                out[k] = new StridedLayout(new int[] {n}, new int[] {1}, offsets[k]);
            }
            return out;
        }
        StridedLayout[] out = new StridedLayout[ops];
        for (int k = 0; k < ops; k++) {
            int[] ds = new int[dims.size()];
            int[] ss = new int[dims.size()];
            for (int d = 0; d < ds.length; d++) {
                ds[d] = dims.get(d);
                ss[d] = st.get(d)[k];
            }
            out[k] = new StridedLayout(ds, ss, offsets[k]);
        }
        return out;
    }

    /** An axis with strides {@code outer} followed by one of size innerSize walk as one axis for every operand. */
    private static boolean mergeable(int[] outer, int[] inner, int innerSize) {
        for (int k = 0; k < outer.length; k++) {
            if ((long) outer[k] != (long) inner[k] * innerSize) {
                return false;
            }
        }
        return true;
    }
}
