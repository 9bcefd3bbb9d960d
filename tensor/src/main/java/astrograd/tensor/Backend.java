package astrograd.tensor;

import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import astrograd.tensor.ops.RandomKind;
import astrograd.tensor.ops.ReduceOp;
import astrograd.tensor.ops.UnaryOp;

/**
 * The narrow contract every device implements. Tensors carry their layout (shape, strides, offset), so a
 * backend sees views and must honour strides (negative and zero included). The tensor layer has already
 * validated shapes, dtypes and devices, broadcast binary operands to a common shape and dtype, and
 * normalized axes; a backend only computes. Results are new contiguous tensors unless stated; inputs are
 * never modified except the {@code dst} of {@link #copyInto}.
 *
 * <p>Composite ops (mean, var, softmax, losses, pad, roll, cat...) are written once in the tensor layer
 * from these primitives. {@link #logsumexp} and {@link #softmax} are fused versions of composites; their
 * composite definitions are the reference they are tested against.
 */
public interface Backend {

    Device device();

    /** Zero-filled storage of {@code numel} elements. */
    Storage allocate(DType dtype, int numel);

    /**
     * Storage whose contents are unspecified (possibly recycled memory), for outputs the caller overwrites
     * completely.
     */
    Storage allocateUninitialized(DType dtype, int numel);

    /** New storage holding a copy of a host array ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]}). */
    Storage upload(Object hostArray, DType dtype);

    /** The elements of {@code t} in row-major order, as a new host array of its dtype. */
    Object download(Tensor t);

    /** Writes {@code src} into the view {@code dst} (same shape; dst non-overlapping), casting between dtypes. */
    void copyInto(Tensor src, Tensor dst);

    /** A contiguous tensor of the shape, every element {@code value} (cast to the dtype). */
    Tensor full(DType dtype, int[] shape, double value);

    /** Elementwise {@code op(x)}; the result has x's dtype (BOOL for NOT). */
    Tensor unary(UnaryOp op, Tensor x);

    /** Elementwise {@code op(a, b)}; a and b have equal shape and dtype; comparisons give BOOL. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    /** {@code cond ? a : b} elementwise; cond is BOOL; all three have equal shape, a and b equal dtype. */
    Tensor where(Tensor cond, Tensor a, Tensor b);

    /** Reduction over the (sorted, distinct) axes, keeping them as size 1. Empty SUM is 0, PROD 1; MAX/MIN of nothing is refused by the caller. */
    Tensor reduce(ReduceOp op, Tensor x, int[] axes);

    /** I64 index of the max/min along {@code axis}, keeping the axis as size 1. */
    Tensor argReduce(ArgReduceOp op, Tensor x, int axis);

    /** Inclusive cumulative sum along {@code axis}. */
    Tensor cumsum(Tensor x, int axis);

    /** Fused {@code log(sum(exp(x)))} along {@code axis} (F32/F64), stable by subtracting the max; keeps the axis. */
    Tensor logsumexp(Tensor x, int axis);

    /**
     * Fused softmax {@code exp(x - m) / Σ exp(x - m)} (or log-softmax {@code (x - m) - log Σ exp(x - m)}) along
     * {@code axis} (F32/F64), m the max along it.
     */
    Tensor softmax(Tensor x, int axis, boolean log);

    /**
     * Batched matrix product {@code [B..., m, k] @ [B..., k, n] -> [B..., m, n]}; batch axes already
     * broadcast to equal sizes (they may be expanded views). F32 and F64.
     */
    Tensor matmul(Tensor a, Tensor b);

    /**
     * {@code x Wᵀ + b} for x {@code [rows, in]}, W {@code [out, in]} and b {@code [out]} (any strides; F32/F64),
     * as {@link Linalg#linear} checked them. The default is the product of the transposed view plus the bias;
     * a backend may instead start each output element's sum from its bias.
     */
    default Tensor linear(Tensor x, Tensor w, Tensor b) {
        return matmul(x, w.transpose(0, 1)).add(b);
    }

    /** {@code out[..., i, ...] = x[..., index[..., i, ...], ...]} along axis; index is I64 of the output's shape. */
    Tensor gather(Tensor x, int axis, Tensor index);

    /** A copy of base with {@code out[..., index[j], ...] += src[..., j, ...]} along axis (index I64 shaped like src). */
    Tensor scatterAdd(Tensor base, int axis, Tensor index, Tensor src);

    /** Slices of x along axis picked by a 1-d I64 index (repeats allowed). */
    Tensor indexSelect(Tensor x, int axis, Tensor index);

    /**
     * Philox4x32-10 fill: element i of the result takes its words from counter block
     * {@code counter + i / perBlock} under {@code key}, as {@link Rng} documents, so every backend
     * produces the same numbers.
     */
    Tensor random(RandomKind kind, DType dtype, int[] shape, long key, long counter);

    /** Lower Cholesky factors of a batch {@code [..., n, n]} of SPD matrices. */
    Tensor cholesky(Tensor a);

    /**
     * Solves {@code op(A) X = B} for a batch of triangular A {@code [..., n, n]} and B {@code [..., n, k]}
     * (batch axes equal), where op(A) is A or its transpose.
     */
    Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA);

    /** 2-d convolution (cross-correlation): x {@code [N, C, H, W]}, w {@code [O, C/groups, kh, kw]}. */
    Tensor conv2d(Tensor x, Tensor w, ConvSpec spec);

    /** Transposed 2-d convolution: x {@code [N, C, H, W]}, w {@code [C, O/groups, kh, kw]}. */
    Tensor convTranspose2d(Tensor x, Tensor w, ConvSpec spec);

    /**
     * Max pooling; returns {values, I64 flat indices into each input plane H*W}, or {values, null} when
     * {@code withIndices} is false (inference: no backward will need them).
     */
    Tensor[] maxPool2d(Tensor x, PoolSpec spec, boolean withIndices);

    /** Average pooling. */
    Tensor avgPool2d(Tensor x, PoolSpec spec);

    /** im2col: {@code [N, C, H, W] -> [N, C*kh*kw, L]} with L output positions. */
    Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec);

    /** col2im, the adjoint of unfold (overlaps summed): {@code [N, C*kh*kw, L] -> [N, C, H, W]}. */
    Tensor fold(Tensor cols, int h, int w, int kh, int kw, ConvSpec spec);

    /**
     * The per-image products of a convolution's weight gradient,
     * {@code out[n, g] = ȳ[n, g] · unfold(x[n])_gᵀ}: {@code [N, G, O/G, (C/G)·kh·kw]} for x {@code [N, C, H, W]}
     * and ȳ {@code [N, O, outH, outW]} under spec (its groups; no output padding), as
     * {@link Conv#conv2dWeightGrad} checked them. The default unfolds the whole batch and multiplies; a backend
     * may unfold a few output rows at a time and accumulate, which gives the same chains of fused
     * multiply-adds, in the same order, without the batch's column matrix.
     */
    default Tensor convWeightProducts(Tensor x, Tensor g, int kh, int kw, ConvSpec spec) {
        int n = x.size(0);
        int groups = spec.groups();
        ConvSpec oneGroup = new ConvSpec(spec.strideH(), spec.strideW(), spec.padTop(), spec.padBottom(),
                spec.padLeft(), spec.padRight(), spec.dilationH(), spec.dilationW(), 1, 0, 0);
        Tensor cols = unfold(x, kh, kw, oneGroup);
        int l = cols.size(2);
        Tensor gg = g.reshape(n, groups, g.size(1) / groups, l);
        Tensor cg = cols.reshape(n, groups, cols.size(1) / groups, l);
        return matmul(gg, cg.transpose(2, 3));
    }
}
