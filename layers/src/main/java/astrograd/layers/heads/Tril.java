package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;

/**
 * Lower-triangular matrices from unconstrained network outputs. The strictly lower entries come in
 * row-major order {@code (1,0), (2,0), (2,1), (3,0), ...} (PyTorch's {@code tril_indices(d, d, -1)}):
 * entry {@code (i, j)} is number {@code i(i−1)/2 + j}.
 */
final class Tril {
    private Tril() {
    }

    /** Number of strictly lower entries of a d×d matrix. */
    static int offDiagonalCount(int d) {
        return d * (d - 1) / 2;
    }

    /**
     * Assembles {@code [..., d, d]} from its diagonal {@code [..., d]} and strictly lower entries
     * {@code [..., d(d−1)/2]}; the upper triangle is zero. Differentiable in both parts.
     */
    static Var assemble(Var diagonal, Var offDiagonal, int d) {
        int[] shape = diagonal.value().shape();
        int rank = shape.length;
        int[] zeroShape = shape.clone();
        zeroShape[rank - 1] = 1;
        Var zero = Var.constant(Tensor.zeros(diagonal.value().dtype(), zeroShape));
        Var packed = Var.cat(rank - 1, diagonal, offDiagonal, zero);
        Var flat = packed.indexSelect(rank - 1, indexMap(d));
        int[] out = java.util.Arrays.copyOf(shape, rank + 1);
        out[rank - 1] = d;
        out[rank] = d;
        return flat.reshape(out);
    }

    /** For each (i, j) of the d×d matrix, its position in {@code [diagonal | offDiagonal | 0]}. */
    private static Tensor indexMap(int d) {
        int zero = d + offDiagonalCount(d);
        long[] map = new long[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                map[i * d + j] = i == j ? i : i > j ? d + i * (i - 1) / 2 + j : zero;
            }
        }
        return Tensor.of(map, d * d);
    }
}
