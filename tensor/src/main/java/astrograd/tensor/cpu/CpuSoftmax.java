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
 * {@code s = Σ exp(x - m)}, {@code lse = m + log s}; softmax {@code exp(x - m) / s}, log-softmax
 * {@code x - lse}. When m is infinite the shift is skipped so that all -inf rows give -inf, not NaN.
 * Computation for F32 is in float vectors with the sum per row accumulated in float lanes.
 */
final class CpuSoftmax {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

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

    /** Σ exp(v - shift), optionally storing the exponentials into out. */
    private static float sumExpF32(float[] v, int off, int n, float shift, float[] out, int oo) {
        FloatVector s = FloatVector.broadcast(FS, shift);
        FloatVector acc = FloatVector.zero(FS);
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            FloatVector e = FloatVector.fromArray(FS, v, off + i).sub(s).lanewise(VectorOperators.EXP);
            if (out != null) {
                e.intoArray(out, oo + i);
            }
            acc = acc.add(e);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float e = (float) Math.exp(v[off + i] - shift);
            if (out != null) {
                out[oo + i] = e;
            }
            sum += e;
        }
        return sum;
    }

    private static double lseF32(float[] v, int off, int n) {
        float m = maxF32(v, off, n);
        float shift = Float.isInfinite(m) ? 0 : m;
        if (m != m) {
            return Double.NaN;
        }
        return shift + Math.log(sumExpF32(v, off, n, shift, null, 0));
    }

    private static void softmaxF32(float[] v, int off, float[] out, int oo, int n, boolean log) {
        float m = maxF32(v, off, n);
        float shift = Float.isInfinite(m) ? 0 : m;
        float sum = sumExpF32(v, off, n, shift, log ? null : out, oo);
        if (log) {
            float lse = (float) (shift + Math.log(sum));
            FloatVector l = FloatVector.broadcast(FS, lse);
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
                FloatVector.fromArray(FS, v, off + i).sub(l).intoArray(out, oo + i);
            }
            for (; i < n; i++) {
                out[oo + i] = v[off + i] - lse;
            }
            return;
        }
        FloatVector inv = FloatVector.broadcast(FS, 1f / sum);
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            FloatVector.fromArray(FS, out, oo + i).mul(inv).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] /= sum;
        }
    }

    private static double maxF64(double[] v, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    private static double sumExpF64(double[] v, int off, int n, double shift, double[] out, int oo) {
        DoubleVector s = DoubleVector.broadcast(DS, shift);
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        for (int bound = DS.loopBound(n); i < bound; i += DS.length()) {
            DoubleVector e = DoubleVector.fromArray(DS, v, off + i).sub(s).lanewise(VectorOperators.EXP);
            if (out != null) {
                e.intoArray(out, oo + i);
            }
            acc = acc.add(e);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double e = Math.exp(v[off + i] - shift);
            if (out != null) {
                out[oo + i] = e;
            }
            sum += e;
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
            double lse = shift + Math.log(sum);
            for (int i = 0; i < n; i++) {
                out[oo + i] = v[off + i] - lse;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out[oo + i] /= sum;
        }
    }
}
