package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused logsumexp and (log-)softmax along one axis, per contiguous row: {@code m = max(x)},
 * {@code s = Σ exp(x - m)}; logsumexp {@code m + log s}, softmax {@code exp(x - m) / s}, log-softmax
 * {@code (x - m) - log s}. The last is not {@code x - logsumexp(x)}: that rounds {@code m + log s} to the precision
 * of m first, an error of up to half an ulp of m (5e-4 for F32 logits near 10 000) in every output.
 * When m is infinite the shift is skipped so that all -inf rows give -inf, not NaN.
 *
 * <p>The exponentials are {@link VectorMath}'s (F32) and {@link VectorMathF64}'s, never the Vector API's lanewise
 * EXP, whose bits depend on whether C2 has compiled the loop yet (see {@link F32Unary}). Rows are processed in
 * chunks of {@link #CHUNK}: each chunk's exponentials are summed in vector lanes in a fixed order, the chunk sums in
 * double. Vector bodies and scalar tails use the same operations, so an element's result does not depend on its
 * position in the row.
 */
final class CpuSoftmax {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int CHUNK = 1024;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);
    private static final ThreadLocal<double[]> SCRATCH_F64 = ThreadLocal.withInitial(() -> new double[CHUNK]);

    private CpuSoftmax() {
    }

    static Tensor logsumexp(Tensor x, int axis) {
        int[] perm = Rows.axesLast(x.rank(), new int[] {axis});
        Tensor rows = x.permute(perm).contiguous();
        int len = x.shape()[axis];
        int outer = Shape.sizeOf(x.shape(), java.util.Arrays.copyOf(perm, perm.length - 1));
        CpuStorage src = (CpuStorage) rows.storage();
        int base = rows.offset();
        CpuStorage dst = CpuStorage.uninitialized(x.dtype(), outer);
        EnginePool.parallelFor(outer, rowsPerThread(len), (a, b) -> {
            for (int r = a; r < b; r++) {
                if (x.dtype() == DType.F32) {
                    dst.f32()[r] = (float) lseF32(src.f32(), base + r * len, len);
                } else {
                    dst.f64()[r] = lseF64(src.f64(), base + r * len, len);
                }
            }
        });
        return new Tensor(dst, Rows.keepDimShape(x.shape(), new int[] {axis}));
    }

    static Tensor softmax(Tensor x, int axis, boolean log) {
        int[] perm = Rows.axesLast(x.rank(), new int[] {axis});
        Tensor rows = x.permute(perm).contiguous();
        int len = x.shape()[axis];
        int outer = len == 0 ? 0 : rows.numel() / len;
        CpuStorage src = (CpuStorage) rows.storage();
        int base = rows.offset();
        CpuStorage dst = CpuStorage.uninitialized(x.dtype(), rows.numel());
        EnginePool.parallelFor(outer, rowsPerThread(len), (a, b) -> {
            for (int r = a; r < b; r++) {
                if (x.dtype() == DType.F32) {
                    softmaxF32(src.f32(), base + r * len, dst.f32(), r * len, len, log);
                } else {
                    softmaxF64(src.f64(), base + r * len, dst.f64(), r * len, len, log);
                }
            }
        });
        return Rows.restore(new Tensor(dst, rows.shape()), rows.shape(), perm);
    }

    private static int rowsPerThread(int len) {
        return Math.max(1, (1 << 14) / Math.max(len, 1));
    }

    private static float maxF32(float[] v, int off, int n) {
        FloatVector acc = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            acc = acc.max(FloatVector.fromArray(FS, v, off + i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, v[off + i]);
        }
        return m;
    }

    /** Σ exp(v - shift), the exponentials stored into out when it is given (else into a scratch chunk). */
    private static double sumExpF32(float[] v, int off, int n, float shift, float[] out, int oo) {
        float[] e = out != null ? out : SCRATCH.get();
        double sum = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            int eo = out != null ? oo + from : 0;
            VectorMath.expShifted(v, off + from, shift, e, eo, len);
            sum += sumF32(e, eo, len);
        }
        return sum;
    }

    private static float sumF32(float[] v, int off, int n) {
        FloatVector acc = FloatVector.zero(FS);
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            acc = acc.add(FloatVector.fromArray(FS, v, off + i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += v[off + i];
        }
        return sum;
    }

    private static double lseF32(float[] v, int off, int n) {
        float m = maxF32(v, off, n);
        if (m != m) {
            return Double.NaN;
        }
        float shift = Float.isInfinite(m) ? 0 : m;
        return shift + Math.log(sumExpF32(v, off, n, shift, null, 0));
    }

    private static void softmaxF32(float[] v, int off, float[] out, int oo, int n, boolean log) {
        float m = maxF32(v, off, n);
        float shift = Float.isInfinite(m) ? 0 : m;
        double sum = sumExpF32(v, off, n, shift, log ? null : out, oo);
        if (log) {
            logSoftmaxF32(v, off, out, oo, n, shift, (float) Math.log(sum));
        } else {
            scaleF32(out, oo, n, (float) (1 / sum));
        }
    }

    /** {@code out = (v - shift) - logSum}. */
    private static void logSoftmaxF32(float[] v, int off, float[] out, int oo, int n, float shift, float logSum) {
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            FloatVector.fromArray(FS, v, off + i).sub(shift).sub(logSum).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = (v[off + i] - shift) - logSum;
        }
    }

    private static void scaleF32(float[] out, int oo, int n, float factor) {
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            FloatVector.fromArray(FS, out, oo + i).mul(factor).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] *= factor;
        }
    }

    private static double maxF64(double[] v, int off, int n) {
        DoubleVector acc = DoubleVector.broadcast(DS, Double.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = DS.loopBound(n); i < bound; i += DS.length()) {
            acc = acc.max(DoubleVector.fromArray(DS, v, off + i));
        }
        double m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, v[off + i]);
        }
        return m;
    }

    /** Σ exp(v - shift), the exponentials stored into out when it is given (else into a scratch chunk). */
    private static double sumExpF64(double[] v, int off, int n, double shift, double[] out, int oo) {
        double[] e = out != null ? out : SCRATCH_F64.get();
        double sum = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            int eo = out != null ? oo + from : 0;
            VectorMathF64.expShifted(v, off + from, shift, e, eo, len);
            sum += sumF64(e, eo, len);
        }
        return sum;
    }

    private static double sumF64(double[] v, int off, int n) {
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        for (int bound = DS.loopBound(n); i < bound; i += DS.length()) {
            acc = acc.add(DoubleVector.fromArray(DS, v, off + i));
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += v[off + i];
        }
        return sum;
    }

    private static double lseF64(double[] v, int off, int n) {
        double m = maxF64(v, off, n);
        if (m != m) {
            return Double.NaN;
        }
        double shift = Double.isInfinite(m) ? 0 : m;
        return shift + Math.log(sumExpF64(v, off, n, shift, null, 0));
    }

    private static void softmaxF64(double[] v, int off, double[] out, int oo, int n, boolean log) {
        double m = maxF64(v, off, n);
        double shift = Double.isInfinite(m) ? 0 : m;
        double sum = sumExpF64(v, off, n, shift, log ? null : out, oo);
        if (log) {
            double logSum = Math.log(sum);
            for (int i = 0; i < n; i++) {
                out[oo + i] = (v[off + i] - shift) - logSum;
            }
            return;
        }
        double factor = 1 / sum;
        for (int i = 0; i < n; i++) {
            out[oo + i] *= factor;
        }
    }
}
