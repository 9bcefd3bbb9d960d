package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An element's result does not depend on where it sits in a run: vector bodies and scalar tails compute the same
 * operations. Each of {@value #RUNS} runs of {@value #LENGTH} elements (full vectors and a tail at every lane width)
 * alternates two values, special ones and ones of every magnitude, and every kernel must give alternating bits.
 */
class PositionIndependenceTest {
    private static final int RUNS = 3000;
    private static final int LENGTH = 35;
    private static final BinaryOp[] ARITHMETIC = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV,
        BinaryOp.POW, BinaryOp.MAXIMUM, BinaryOp.MINIMUM};
    private static final double[] SPECIAL = {0, -0.0, Double.MIN_VALUE, 1e-40, -1e-300, 0.5, 1, -1, 2, 88.7, -103.5,
        709.5, -745.2, 1e30, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @Test
    void f32KernelsGiveTheSameBitsInVectorBodiesAndTails() {
        float[] x = floats(alternating(1));
        float[] y = floats(alternating(2));
        float[] out = new float[x.length];
        List<String> failed = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (op != UnaryOp.NOT) {
                forEachRun(r -> F32Unary.run(op, x, r, out, r, LENGTH));
                check(op.opName(), bits(out), failed);
            }
        }
        for (BinaryOp op : ARITHMETIC) {
            forEachRun(r -> F32Binary.run(op, x, r, 1, y, r, 1, out, r, LENGTH));
            check(op.opName(), bits(out), failed);
            forEachRun(r -> F32Binary.run(op, x, r, 1, y, r, 0, out, r, LENGTH));
            check(op.opName() + " by scalar", bits(out), failed);
            forEachRun(r -> F32Binary.run(op, x, r, 0, y, r, 1, out, r, LENGTH));
            check("scalar " + op.opName(), bits(out), failed);
        }
        double[] cast = new double[x.length];
        forEachRun(r -> FastCast.run(x, r, DType.F32, cast, r, DType.F64, LENGTH));
        check("cast", bits(cast), failed);
        rowOps(DType.F32, failed);
        assertTrue(failed.isEmpty(), "F32: position-dependent results from " + failed);
    }

    @Test
    void f64KernelsGiveTheSameBitsInVectorBodiesAndTails() {
        double[] x = alternating(1);
        double[] y = alternating(2);
        double[] out = new double[x.length];
        List<String> failed = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (op != UnaryOp.NOT) {
                forEachRun(r -> F64Unary.run(op, x, r, out, r, LENGTH));
                check(op.opName(), bits(out), failed);
            }
        }
        for (BinaryOp op : ARITHMETIC) {
            forEachRun(r -> F64Binary.run(op, x, r, 1, y, r, 1, out, r, LENGTH));
            check(op.opName(), bits(out), failed);
            forEachRun(r -> F64Binary.run(op, x, r, 1, y, r, 0, out, r, LENGTH));
            check(op.opName() + " by scalar", bits(out), failed);
            forEachRun(r -> F64Binary.run(op, x, r, 0, y, r, 1, out, r, LENGTH));
            check("scalar " + op.opName(), bits(out), failed);
        }
        float[] cast = new float[x.length];
        forEachRun(r -> FastCast.run(x, r, DType.F64, cast, r, DType.F32, LENGTH));
        check("cast", bits(cast), failed);
        rowOps(DType.F64, failed);
        assertTrue(failed.isEmpty(), "F64: position-dependent results from " + failed);
    }

    /** softmax, log-softmax and exp through the tensor API, one row per run. */
    private static void rowOps(DType dtype, List<String> failed) {
        Tensor rows = Tensor.of(alternating(3), RUNS, LENGTH).to(dtype);
        check("softmax", bits(rows.softmax(1)), failed);
        check("log_softmax", bits(rows.logSoftmax(1)), failed);
    }

    private interface RunBody {
        void run(int start);
    }

    private static void forEachRun(RunBody body) {
        for (int r = 0; r < RUNS; r++) {
            body.run(r * LENGTH);
        }
    }

    /** Records the op when some run does not alternate two bit patterns. */
    private static void check(String op, long[] bits, List<String> failed) {
        for (int r = 0; r < RUNS; r++) {
            for (int j = 2; j < LENGTH; j++) {
                if (bits[r * LENGTH + j] != bits[r * LENGTH + j % 2]) {
                    failed.add(op + " (run " + r + ", element " + j + ")");
                    return;
                }
            }
        }
    }

    /** RUNS runs alternating a_r, b_r: a special value or ± u · 10^e, u uniform in [0, 1), e in [-8, 8]. */
    private static double[] alternating(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[RUNS * LENGTH];
        for (int r = 0; r < RUNS; r++) {
            double[] pair = new double[2];
            for (int k = 0; k < 2; k++) {
                int pick = rng.nextInt(RUNS);
                pair[k] = pick < SPECIAL.length ? SPECIAL[pick]
                        : (rng.nextBoolean() ? 1 : -1) * rng.nextDouble() * Math.pow(10, rng.nextInt(-8, 9));
            }
            for (int j = 0; j < LENGTH; j++) {
                v[r * LENGTH + j] = pair[j % 2];
            }
        }
        return v;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static long[] bits(float[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToLongBits(v[i]);
        }
        return b;
    }

    private static long[] bits(Tensor t) {
        return t.dtype() == DType.F32 ? bits(t.toFloatArray()) : bits(t.toDoubleArray());
    }
}
