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
        Object aArr = ((CpuStorage) a.storage()).array();
        Object bArr = ((CpuStorage) b.storage()).array();
        boolean f32 = a.dtype() == DType.F32;
        BatchBody body = f32
                ? (i, par) -> GemmF32.gemm(m, n, k, (float[]) aArr, aOffsets[i], ars, acs, (float[]) bArr, bOffsets[i],
                        brs, bcs, out.f32(), i * m * n, n, false, par)
                : (i, par) -> GemmF64.gemm(m, n, k, (double[]) aArr, aOffsets[i], ars, acs, (double[]) bArr,
                        bOffsets[i], brs, bcs, out.f64(), i * m * n, n, false, par);
        boolean bigEach = f32 ? GemmF32.worthParallel(m, n, k) : GemmF64.worthParallel(m, n, k);
        if (batches == 1 || bigEach) {
            for (int i = 0; i < batches; i++) {
                body.run(i, true);
            }
        } else {
            long work = (long) m * n * Math.max(k, 1);
            int minBatchesPerThread = (int) Math.max(1, Math.min(batches, (1L << 17) / Math.max(1, work)));
            EnginePool.parallelFor(batches, minBatchesPerThread, (s, e) -> {
                for (int i = s; i < e; i++) {
                    body.run(i, false);
                }
            });
        }
        return new Tensor(out, outShape);
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
