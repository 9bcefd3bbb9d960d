package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

/** Moves chosen axes to the end so that kernels see contiguous rows, and moves results back. */
final class Rows {
    private Rows() {
    }

    /** Permutation putting the (sorted) axes last, others first in order. */
    static int[] axesLast(int rank, int[] axes) {
        boolean[] moved = new boolean[rank];
        for (int a : axes) {
            moved[a] = true;
        }
        int[] perm = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            if (!moved[i]) {
                perm[j++] = i;
            }
        }
        for (int a : axes) {
            perm[j++] = a;
        }
        return perm;
    }

    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    /** x with the axes moved last, contiguous (no copy when they already are). */
    static Tensor withAxesLast(Tensor x, int[] axes) {
        return x.permute(axesLast(x.rank(), axes)).contiguous();
    }

    /** Shape with the axes set to 1. */
    static int[] keepDimShape(int[] shape, int[] axes) {
        int[] out = shape.clone();
        for (int a : axes) {
            out[a] = 1;
        }
        return out;
    }

    /**
     * Result of a row kernel (one value per row of the axes-last layout, or a row per row for scans) put
     * back in the original axis order as a contiguous tensor.
     */
    static Tensor restore(Tensor rowsResult, int[] movedShape, int[] perm) {
        return rowsResult.reshape(movedShape).permute(inverse(perm)).contiguous();
    }
}
