package astrograd.inference.uq;

import astrograd.autodiff.Var;
import astrograd.layers.heads.PrecisionGaussian;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * The lower-triangular Cholesky factor L of a precision {@code Λ = L Lᵀ}, packed <em>row by row</em> as plan-net's
 * network emits it: row k (0-based) occupies packed indices {@code [k(k+1)/2, (k+1)(k+2)/2)} and its last entry
 * is the diagonal, so the diagonal sits at {@code k(k+3)/2}: 0, 2, 5, 9, 14 for D = 5. The raw diagonal entries go
 * through a positive {@link Diagonal} map; the off-diagonal entries are used as they are. One routine builds L for
 * the loss and for prediction, so the reference code's bug (exponentiating packed indices 0..D−1 at prediction
 * time instead of the diagonal positions) cannot arise.
 *
 * <p>Negative log-likelihood of y under {@code N(μ, Λ⁻¹)}:
 * <pre>
 *   −log p(y) = ½ (y − μ)ᵀ L Lᵀ (y − μ) − Σ_k log L_kk + (D/2) log 2π
 * </pre>
 */
public final class PackedCholesky {
    /** How the raw diagonal entries become positive diagonal entries of L. */
    public enum Diagonal {
        /**
         * {@code L_kk = softplus(a) + 1e-4}. The default: softplus grows linearly, so one large optimizer step
         * cannot blow the precision up by a factor e^Δ (the exp parameterization's validation-loss jumps in
         * plan-net's training log), and the floor keeps L invertible (variance ≤ 10⁸ in standardized units).
         */
        SOFTPLUS,
        /**
         * {@code L_kk = exp(clamp(a, −15, 15))}: plan-net's choice, clamped so that a diverging step cannot
         * produce 0 or ∞ (the gradient is zero outside the clamp, which only matters at absurd precisions).
         */
        EXP_CLAMPED;

        /** The floor added by {@link #SOFTPLUS}. */
        public static final double SOFTPLUS_EPS = 1e-4;
        /** The clamp of {@link #EXP_CLAMPED} on the raw value. */
        public static final double EXP_LIMIT = 15;

        Var apply(Var raw) {
            return this == SOFTPLUS ? raw.softplus().add(SOFTPLUS_EPS) : raw.clamp(-EXP_LIMIT, EXP_LIMIT).exp();
        }
    }

    private PackedCholesky() {
    }

    /** Packed length {@code D(D+1)/2}. */
    public static int packedSize(int d) {
        checkDim(d);
        return d * (d + 1) / 2;
    }

    /** The dimension D whose packed length is {@code size}. */
    public static int dimension(int size) {
        int d = (int) Math.round((Math.sqrt(8.0 * size + 1) - 1) / 2);
        if (d < 1 || d * (d + 1) / 2 != size) {
            throw new ShapeException("PackedCholesky: " + size + " packed entries is not D(D+1)/2 for any D");
        }
        return d;
    }

    /** Packed positions of the diagonal, {@code k(k+3)/2}: [0, 2, 5, 9, 14] for D = 5. */
    public static int[] diagonalPositions(int d) {
        checkDim(d);
        int[] out = new int[d];
        for (int k = 0; k < d; k++) {
            out[k] = k * (k + 3) / 2;
        }
        return out;
    }

    /** Packed position of entry {@code (i, j)}, {@code j ≤ i}: {@code i(i+1)/2 + j}. */
    public static int position(int i, int j) {
        if (j < 0 || j > i) {
            throw new IllegalArgumentException("PackedCholesky: (" + i + ", " + j + ") is not in the lower triangle");
        }
        return i * (i + 1) / 2 + j;
    }

    /**
     * L {@code [..., D, D]} from packed raw values {@code [..., D(D+1)/2]}: the diagonal through {@code diagonal},
     * the strictly lower part as is, zeros above. Differentiable.
     */
    public static Var tril(Var packed, Diagonal diagonal) {
        int[] shape = packed.value().shape();
        if (shape.length < 1) {
            throw new ShapeException("PackedCholesky.tril: packed values need a last axis, got " + Shape.str(shape));
        }
        int rank = shape.length;
        int size = shape[rank - 1];
        int d = dimension(size);
        Var positive = diagonal.apply(packed.indexSelect(rank - 1, indexTensor(diagonalPositions(d))));
        int[] zeroShape = shape.clone();
        zeroShape[rank - 1] = 1;
        Var zero = Var.constant(Tensor.zeros(packed.value().dtype(), zeroShape));
        Var source = Var.cat(rank - 1, positive, packed, zero);
        int[] out = java.util.Arrays.copyOf(shape, rank + 1);
        out[rank - 1] = d;
        out[rank] = d;
        return source.indexSelect(rank - 1, indexMap(d)).reshape(out);
    }

    /** The Gaussians {@code N(μ, (L Lᵀ)⁻¹)} of means {@code [N, D]} and packed factors {@code [N, D(D+1)/2]}. */
    public static PrecisionGaussian gaussian(Var mean, Var packed, Diagonal diagonal) {
        int[] m = mean.value().shape();
        int[] p = packed.value().shape();
        if (m.length != 2 || p.length != 2 || p[0] != m[0] || p[1] != packedSize(m[1])) {
            throw new ShapeException("PackedCholesky: mean " + Shape.str(m) + " and packed factor " + Shape.str(p)
                    + " must be [N, D] and [N, D(D+1)/2]");
        }
        return new PrecisionGaussian(mean, tril(packed, diagonal));
    }

    /** Per-row NLL {@code [N]} of targets y {@code [N, D]} (formula in the class notes). */
    public static Var nll(Var mean, Var packed, Var y, Diagonal diagonal) {
        return gaussian(mean, packed, diagonal).logProb(y).neg();
    }

    /** For each (i, j) of the D×D matrix, its position in {@code [diagonal | packed | 0]}. */
    private static Tensor indexMap(int d) {
        int packedSize = d * (d + 1) / 2;
        long[] map = new long[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                map[i * d + j] = i == j ? i : i > j ? d + position(i, j) : d + packedSize;
            }
        }
        return Tensor.of(map, d * d);
    }

    private static Tensor indexTensor(int[] positions) {
        long[] out = new long[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = positions[i];
        }
        return Tensor.of(out, out.length);
    }

    private static void checkDim(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("PackedCholesky: dimension must be >= 1, got " + d);
        }
    }
}
