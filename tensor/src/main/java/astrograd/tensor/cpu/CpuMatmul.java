package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Batched matrix products on the CPU: {@code out[b] = a[b] @ b[b]} for every batch index, each a GEMM on the
 * operands' own storage with their row and column strides (transposed, sliced, flipped and expanded views
 * need no copy). Large matrices split inside the GEMM; many small ones split over the batch.
 */
final class CpuMatmul {
    /** Multiply-adds in one chunk of small batch elements handed to a thread. */
    private static final long SMALL_BATCH_WORK = 1L << 18;
    private CpuMatmul() {
    }

    /** {@code [B..., m, k] @ [B..., k, n] -> [B..., m, n]} (batch axes equal; F32 or F64); a new contiguous tensor. */
    static Tensor matmul(Tensor a, Tensor b) {
        check(a, b);
        int rank = a.rank();
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int[] batchShape = Arrays.copyOf(a.shape(), rank - 2);
        int batches = Shape.numel(batchShape);
        int[] aOffsets = batchOffsets(a, batchShape);
        int[] bOffsets = batchOffsets(b, batchShape);
        int[] as = a.strides();
        int[] bs = b.strides();
        int ars = as[rank - 2];
        int acs = as[rank - 1];
        int brs = bs[rank - 2];
        int bcs = bs[rank - 1];
        int[] outShape = Shape.concat(batchShape, new int[] {m, n});
        CpuStorage out = CpuStorage.uninitialized(a.dtype(), batches * m * n);
        if (batches > 1 && allZero(bs, rank - 2) && rowsMerge(a.shape(), as, rank - 2)) {
            // one weight for the whole batch and A's batch rows evenly spaced: a single (batches·m)×k product
            gemm(a.dtype(), batches * m, n, k, a, aOffsets[0], ars, acs, b, bOffsets[0], brs, bcs, out, 0, false, true);
            return new Tensor(out, outShape);
        }
        DType dtype = a.dtype();
        BatchBody body = (i, par) -> gemm(dtype, m, n, k, a, aOffsets[i], ars, acs, b, bOffsets[i], brs, bcs,
                out, i * m * n, false, par);
        boolean bigEach = dtype == DType.F32 ? GemmF32.worthParallel(m, n, k) : GemmF64.worthParallel(m, n, k);
        if (batches == 1 || bigEach) {
            for (int i = 0; i < batches; i++) {
                body.run(i, true);
            }
        } else {
            // many small products: groups of whole batch elements, each worth about SMALL_BATCH_WORK
            long work = (long) m * n * Math.max(k, 1);
            int perChunk = (int) Math.max(1, Math.min(batches, SMALL_BATCH_WORK / Math.max(1, work)));
            int chunks = (batches + perChunk - 1) / perChunk;
            if (work * batches < 2 * SMALL_BATCH_WORK) {
                chunks = 1;
                perChunk = batches;
            }
            int size = perChunk;
            GemmParallel.forEachChunk(chunks, chunk -> {
                for (int i = chunk * size; i < Math.min(batches, (chunk + 1) * size); i++) {
                    body.run(i, false);
                }
            });
        }
        return new Tensor(out, outShape);
    }

    /**
     * {@code x Wᵀ + b} for 2-d x {@code [rows, in]}, W {@code [out, in]}, b {@code [out]}: every output row starts
     * as the bias and the GEMM accumulates onto it (W read through its transposed strides).
     */
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        int rows = x.size(0);
        int in = x.size(1);
        int out = w.size(0);
        Tensor bias = b.contiguous();
        CpuStorage result = CpuStorage.uninitialized(x.dtype(), rows * out);
        Object biasArray = ((CpuStorage) bias.storage()).array();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(biasArray, bias.offset(), result.array(), r * out, out);
        }
        int[] xs = x.strides();
        int[] ws = w.strides();
        gemm(x.dtype(), rows, out, in, x, x.offset(), xs[0], xs[1], w, w.offset(), ws[1], ws[0], result, 0, true, true);
        return new Tensor(result, new int[] {rows, out});
    }

    private static void gemm(DType dtype, int m, int n, int k, Tensor a, int aOff, int ars, int acs,
                             Tensor b, int bOff, int brs, int bcs, CpuStorage out, int outOff, boolean accumulate,
                             boolean parallel) {
        Object aArr = ((CpuStorage) a.storage()).array();
        Object bArr = ((CpuStorage) b.storage()).array();
        if (dtype == DType.F32) {
            GemmF32.gemm(m, n, k, (float[]) aArr, aOff, ars, acs, (float[]) bArr, bOff, brs, bcs,
                    out.f32(), outOff, n, accumulate, parallel);
        } else {
            GemmF64.gemm(m, n, k, (double[]) aArr, aOff, ars, acs, (double[]) bArr, bOff, brs, bcs,
                    out.f64(), outOff, n, accumulate, parallel);
        }
    }

    private static boolean allZero(int[] strides, int count) {
        for (int d = 0; d < count; d++) {
            if (strides[d] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when axes [0, rowAxis] of a view step like one axis: {@code stride[d] = size[d+1] * stride[d+1]}. */
    private static boolean rowsMerge(int[] shape, int[] strides, int rowAxis) {
        for (int d = rowAxis - 1; d >= 0; d--) {
            if (strides[d] != (long) shape[d + 1] * strides[d + 1]) {
                return false;
            }
        }
        return true;
    }

    /** One batch element's product; {@code parallel} lets the GEMM itself split over the engine pool. */
    @FunctionalInterface
    private interface BatchBody {
        void run(int batch, boolean parallel);
    }

    private static void check(Tensor a, Tensor b) {
        String op = "matmul";
        if (a.dtype() != b.dtype() || !a.dtype().isFloating()) {
            throw new DTypeException(op + ": operands must both be F32 or both F64, got "
                    + a.dtype() + " and " + b.dtype());
        }
        int rank = a.rank();
        boolean ok = rank >= 2 && b.rank() == rank && a.size(-1) == b.size(-2);
        for (int d = 0; ok && d < rank - 2; d++) {
            ok = a.size(d) == b.size(d);
        }
        if (!ok) {
            throw new ShapeException(op + ": " + Shape.str(a.shape()) + " @ " + Shape.str(b.shape())
                    + ": expected [B..., m, k] @ [B..., k, n] with equal batch axes");
        }
    }

    /** Storage offset of each batch element's matrix, in row-major batch order (strides may be 0). */
    private static int[] batchOffsets(Tensor t, int[] batchShape) {
        int batches = Shape.numel(batchShape);
        int[] strides = t.strides();
        int[] offsets = new int[batches];
        int[] index = new int[batchShape.length];
        int off = t.offset();
        for (int i = 0; i < batches; i++) {
            offsets[i] = off;
            for (int d = batchShape.length - 1; d >= 0; d--) {
                index[d]++;
                off += strides[d];
                if (index[d] < batchShape[d]) {
                    break;
                }
                off -= strides[d] * batchShape[d];
                index[d] = 0;
            }
        }
        return offsets;
    }
}
