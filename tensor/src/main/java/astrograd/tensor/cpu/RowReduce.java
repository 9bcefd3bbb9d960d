package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reduces each contiguous row of {@code [outer, len]}. Rows are cut into blocks of {@link #BLOCK}; every
 * (row, block) pair is one work item whose partial result is combined with the others of its row in block
 * order. F32 sums accumulate in float vectors within a block and in double across blocks.
 */
final class RowReduce {
    static final int BLOCK = 1 << 14;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    private RowReduce() {
    }

    static Tensor reduceRows(ReduceOp op, Tensor rows, int outer, int len) {
        int blocks = Math.max(1, (len + BLOCK - 1) / BLOCK);
        double[] partD = new double[outer * blocks];
        long[] partL = new long[outer * blocks];
        CpuStorage s = (CpuStorage) rows.storage();
        DType t = rows.dtype();
        int base = rows.offset();
        int itemsPerThread = Math.max(1, (1 << 15) / Math.max(1, Math.min(len, BLOCK)));
        EnginePool.parallelFor(outer * blocks, itemsPerThread, (a, b) -> {
            for (int item = a; item < b; item++) {
                int r = item / blocks;
                int start = (item % blocks) * BLOCK;
                int n = Math.min(BLOCK, len - start);
                int off = base + r * len + start;
                if (t == DType.I64) {
                    partL[item] = blockLong(op, s.i64(), off, n);
                } else {
                    partD[item] = t == DType.F32 ? blockF32(op, s.f32(), off, n) : blockF64(op, s.f64(), off, n);
                }
            }
        });
        CpuStorage out = CpuStorage.uninitialized(t, outer);
        for (int r = 0; r < outer; r++) {
            if (t == DType.I64) {
                long acc = partL[r * blocks];
                for (int k = 1; k < blocks; k++) {
                    acc = combine(op, acc, partL[r * blocks + k]);
                }
                out.i64()[r] = acc;
            } else {
                double acc = partD[r * blocks];
                for (int k = 1; k < blocks; k++) {
                    acc = combine(op, acc, partD[r * blocks + k]);
                }
                if (t == DType.F32) {
                    out.f32()[r] = (float) acc;
                } else {
                    out.f64()[r] = acc;
                }
            }
        }
        return new Tensor(out, new int[] {outer});
    }

    private static double identity(ReduceOp op) {
        switch (op) {
            case SUM: return 0;
            case PROD: return 1;
            case MAX: return Double.NEGATIVE_INFINITY;
            default: return Double.POSITIVE_INFINITY;
        }
    }

    private static double combine(ReduceOp op, double a, double b) {
        switch (op) {
            case SUM: return a + b;
            case PROD: return a * b;
            case MAX: return a != a || b != b ? Double.NaN : Math.max(a, b);
            default: return a != a || b != b ? Double.NaN : Math.min(a, b);
        }
    }

    private static long combine(ReduceOp op, long a, long b) {
        switch (op) {
            case SUM: return a + b;
            case PROD: return a * b;
            case MAX: return Math.max(a, b);
            default: return Math.min(a, b);
        }
    }

    private static long blockLong(ReduceOp op, long[] v, int off, int n) {
        long acc = op == ReduceOp.SUM ? 0 : op == ReduceOp.PROD ? 1 : op == ReduceOp.MAX ? Long.MIN_VALUE : Long.MAX_VALUE;
        for (int i = off; i < off + n; i++) {
            acc = combine(op, acc, v[i]);
        }
        return acc;
    }

    private static double blockF32(ReduceOp op, float[] v, int off, int n) {
        switch (op) {
            case SUM: return sumF32(v, off, n);
            case PROD: {
                double acc = 1;
                for (int i = off; i < off + n; i++) {
                    acc *= v[i];
                }
                return acc;
            }
            default: return extremeF32(v, off, n, op == ReduceOp.MAX);
        }
    }

    /** Float-vector sums over sub-blocks of 1024 elements (16 adds per lane), added up in double. */
    private static double sumF32(float[] v, int off, int n) {
        int l = FS.length();
        double acc = 0;
        int i = 0;
        while (n - i >= 4 * l) {
            FloatVector a0 = FloatVector.zero(FS);
            FloatVector a1 = FloatVector.zero(FS);
            FloatVector a2 = FloatVector.zero(FS);
            FloatVector a3 = FloatVector.zero(FS);
            int end = Math.min(n - 4 * l, i + 1024 - 4 * l);
            for (; i <= end; i += 4 * l) {
                a0 = a0.add(FloatVector.fromArray(FS, v, off + i));
                a1 = a1.add(FloatVector.fromArray(FS, v, off + i + l));
                a2 = a2.add(FloatVector.fromArray(FS, v, off + i + 2 * l));
                a3 = a3.add(FloatVector.fromArray(FS, v, off + i + 3 * l));
            }
            acc += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            acc += v[off + i];
        }
        return acc;
    }

    private static double extremeF32(float[] v, int off, int n, boolean max) {
        float init = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        FloatVector acc = FloatVector.broadcast(FS, init);
        VectorMask<Float> nan = FS.maskAll(false);
        int i = 0;
        int bound = FS.loopBound(n);
        if (max) {
            for (; i < bound; i += FS.length()) {
                FloatVector x = FloatVector.fromArray(FS, v, off + i);
                nan = nan.or(x.test(VectorOperators.IS_NAN));
                acc = acc.max(x);
            }
        } else {
            for (; i < bound; i += FS.length()) {
                FloatVector x = FloatVector.fromArray(FS, v, off + i);
                nan = nan.or(x.test(VectorOperators.IS_NAN));
                acc = acc.min(x);
            }
        }
        if (nan.anyTrue()) {
            return Double.NaN;
        }
        double r = acc.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < n; i++) {
            r = combine(max ? ReduceOp.MAX : ReduceOp.MIN, r, v[off + i]);
        }
        return n == 0 ? identity(max ? ReduceOp.MAX : ReduceOp.MIN) : r;
    }

    private static double blockF64(ReduceOp op, double[] v, int off, int n) {
        if (op == ReduceOp.SUM) {
            DoubleVector a0 = DoubleVector.zero(DS);
            DoubleVector a1 = DoubleVector.zero(DS);
            int l = DS.length();
            int i = 0;
            for (int bound = n - 2 * l; i <= bound; i += 2 * l) {
                a0 = a0.add(DoubleVector.fromArray(DS, v, off + i));
                a1 = a1.add(DoubleVector.fromArray(DS, v, off + i + l));
            }
            double acc = a0.add(a1).reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                acc += v[off + i];
            }
            return acc;
        }
        double acc = identity(op);
        for (int i = off; i < off + n; i++) {
            acc = combine(op, acc, v[i]);
        }
        return acc;
    }
}
