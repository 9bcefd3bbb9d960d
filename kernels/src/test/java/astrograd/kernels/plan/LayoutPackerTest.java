package astrograd.kernels.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Merged layouts visit the same storage offsets in the same order as the views they come from. */
class LayoutPackerTest {

    @Test
    void aDenseViewBecomesOneContiguousAxis() {
        StridedLayout l = LayoutPacker.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, 5);
        assertArrayEquals(new int[] {24}, l.dims());
        assertTrue(l.isContiguous());
        assertEquals(5, l.offsetOf(0));
        assertEquals(1, l.pack()[1], "the packed struct carries the contiguous flag");
    }

    @Test
    void aTransposeKeepsTwoAxes() {
        StridedLayout l = LayoutPacker.of(new int[] {3, 4}, new int[] {1, 3}, 0);
        assertArrayEquals(new int[] {3, 4}, l.dims());
        assertFalse(l.isContiguous());
    }

    @Test
    void sizeOneAxesAreDroppedAndScalarsGetOneAxis() {
        assertArrayEquals(new int[] {6}, LayoutPacker.of(new int[] {1, 6, 1}, new int[] {99, 1, 7}, 0).dims());
        StridedLayout scalar = LayoutPacker.of(new int[0], new int[0], 3);
        assertArrayEquals(new int[] {1}, scalar.dims());
        assertEquals(3, scalar.offsetOf(0));
        assertArrayEquals(new int[] {0}, LayoutPacker.of(new int[] {4, 0}, new int[] {1, 1}, 0).dims());
    }

    @Test
    void operandsMergeOnlyWhereAllAllowIt() {
        // a dense [2, 3] and a row broadcast (stride 0 along axis 0): the axes stay apart
        StridedLayout[] l = LayoutPacker.joint(new int[] {2, 3}, new int[][] {{3, 1}, {0, 1}}, new int[] {0, 0});
        assertArrayEquals(new int[] {2, 3}, l[0].dims());
        assertArrayEquals(new int[] {0, 1}, l[1].strides());
    }

    @Test
    void randomViewsVisitTheSameOffsets() {
        SplittableRandom r = new SplittableRandom(24);
        for (int trial = 0; trial < 500; trial++) {
            int rank = r.nextInt(0, 7);
            int[] shape = new int[rank];
            int[][] strides = new int[2][rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = r.nextInt(1, 5);
            }
            int[] offsets = new int[2];
            for (int k = 0; k < 2; k++) {
                strides[k] = randomStrides(r, shape);
                offsets[k] = r.nextInt(0, 100);
            }
            StridedLayout[] l = LayoutPacker.joint(shape, strides, offsets);
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(reference(shape, strides[k], offsets[k], i), l[k].offsetOf(i), "trial " + trial);
                }
            }
        }
    }

    @Test
    void tooManyUnmergeableAxesAreRefusedClearly() {
        int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] strides = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LayoutPacker.of(shape, strides, 0));
        assertTrue(e.getMessage().contains("not yet on CUDA"), e.getMessage());
    }

    /** Dense strides of a random permutation, some negated or zeroed (flips and broadcasts). */
    private static int[] randomStrides(SplittableRandom r, int[] shape) {
        int rank = shape.length;
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        if (r.nextBoolean()) {
            for (int i = rank - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        }
        int[] strides = new int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int d = perm[i];
            strides[d] = r.nextInt(8) == 0 ? 0 : r.nextInt(8) == 0 ? -s : s;
            s *= shape[d];
        }
        return strides;
    }

    private static int reference(int[] shape, int[] strides, int offset, int i) {
        int off = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            off += (i % shape[d]) * strides[d];
            i /= shape[d];
        }
        return off;
    }
}
