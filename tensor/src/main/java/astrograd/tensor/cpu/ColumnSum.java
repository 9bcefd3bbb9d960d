package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums over the leading axes of a contiguous floating tensor, viewed as {@code [rows, cols]}: the bias
 * gradients of every dense and recurrent layer ({@code Σ_batch ḡ}). Rows are added in order into a vector of
 * column sums, reading memory once and in order, where the general reduction first transposes the tensor so
 * that each column becomes a row. Floats are summed in float within blocks of {@link #BLOCK} rows and the
 * blocks in double, like the row sums; each column is one fixed chain, so any thread count gives the same bits.
 */
final class ColumnSum {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int BLOCK = 1024;
    private static final int MIN_COLUMNS_PER_THREAD = 1 << 10;

    private ColumnSum() {
    }

    /** {@code out[j] = Σ_i x[i, j]} for a contiguous F32 or F64 x of {@code rows × cols} elements, as [cols]. */
    static Tensor sum(Tensor x, int rows, int cols) {
        CpuStorage out = CpuStorage.uninitialized(x.dtype(), cols);
        CpuStorage in = (CpuStorage) x.storage();
        int off = x.offset();
        EnginePool.parallelFor(cols, Math.max(MIN_COLUMNS_PER_THREAD, cols / 64 + 1), (a, b) -> {
            if (x.dtype() == DType.F32) {
                f32(in.f32(), off, rows, cols, a, b, out.f32());
            } else {
                f64(in.f64(), off, rows, cols, a, b, out.f64());
            }
        });
        return new Tensor(out, new int[] {cols});
    }

    private static void f32(float[] x, int off, int rows, int cols, int c0, int c1, float[] out) {
        int width = c1 - c0;
        double[] total = new double[width];
        float[] block = new float[width];
        int bound = F.loopBound(width);
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            java.util.Arrays.fill(block, 0f);
            for (int r = r0; r < Math.min(rows, r0 + BLOCK); r++) {
                int row = off + r * cols + c0;
                int j = 0;
                for (; j < bound; j += F.length()) {
                    FloatVector.fromArray(F, block, j).add(FloatVector.fromArray(F, x, row + j)).intoArray(block, j);
                }
                for (; j < width; j++) {
                    block[j] += x[row + j];
                }
            }
            for (int j = 0; j < width; j++) {
                total[j] += block[j];
            }
        }
        for (int j = 0; j < width; j++) {
            out[c0 + j] = (float) total[j];
        }
    }

    private static void f64(double[] x, int off, int rows, int cols, int c0, int c1, double[] out) {
        int width = c1 - c0;
        java.util.Arrays.fill(out, c0, c1, 0);
        int bound = D.loopBound(width);
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols + c0;
            int j = 0;
            for (; j < bound; j += D.length()) {
                DoubleVector.fromArray(D, out, c0 + j).add(DoubleVector.fromArray(D, x, row + j)).intoArray(out, c0 + j);
            }
            for (; j < width; j++) {
                out[c0 + j] += x[row + j];
            }
        }
    }
}
