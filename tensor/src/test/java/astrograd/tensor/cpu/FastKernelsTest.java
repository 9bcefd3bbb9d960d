package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.tensor.Conv;
import astrograd.tensor.DType;
import astrograd.tensor.Philox;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PoolSpec;
import org.junit.jupiter.api.Test;

/**
 * The vector and branch-free fast paths (Philox lanes, float comparisons, where, BOOL casts, row max-pooling,
 * row-parallel scatterAdd) against plain scalar references, on sizes that leave vector tails and on data with
 * NaN, infinities, signed zeros and ties.
 */
class FastKernelsTest {
    private static final int N = 1000;

    @Test
    void philoxLanesMatchTheScalarBlockAcrossTheHighCounterWord() {
        int lanes = PhiloxLanes.lanes();
        int[] vector = new int[4 * lanes];
        long[] state = new long[4 * lanes];
        int[] scalar = new int[4];
        for (long key : new long[] {0, -1, 0x0123456789ABCDEFL}) {
            for (long first : new long[] {0, (1L << 32) - 3, -5}) {
                PhiloxLanes.blocks(key, first, vector, 0, state);
                for (int j = 0; j < lanes; j++) {
                    Philox.block(key, first + j, 0, 0, scalar);
                    for (int w = 0; w < 4; w++) {
                        assertEquals(scalar[w], vector[4 * j + w], "key " + key + " block " + (first + j) + " word " + w);
                    }
                }
            }
        }
    }

    private static float[] awkwardFloats(long seed) {
        float[] x = new Rng(seed).randn(DType.F32, N).toFloatArray();
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, 1f};
        for (int i = 0; i < N; i += 13) {
            x[i] = special[(i / 13) % special.length];
        }
        return x;
    }

    @Test
    void floatComparisonsMatchJavaOperatorsDenseAndAgainstScalars() {
        float[] a = awkwardFloats(1);
        float[] b = awkwardFloats(2);
        Tensor ta = Tensor.of(a);
        Tensor tb = Tensor.of(b);
        boolean[] gt = ta.gt(tb).toBooleanArray();
        boolean[] le = ta.le(tb).toBooleanArray();
        boolean[] ltScalar = ta.lt(0.5).toBooleanArray();
        boolean[] geScalarFirst = Tensor.scalar(0.5, DType.F32).ge(tb).toBooleanArray();
        for (int i = 0; i < N; i++) {
            assertEquals(a[i] > b[i], gt[i], "gt at " + i);
            assertEquals(a[i] <= b[i], le[i], "le at " + i);
            assertEquals(a[i] < 0.5f, ltScalar[i], "lt scalar at " + i);
            assertEquals(0.5f >= b[i], geScalarFirst[i], "ge scalar-first at " + i);
        }
    }

    @Test
    void whereAndBoolCastsMatchTheScalarSelect() {
        float[] a = awkwardFloats(3);
        float[] b = awkwardFloats(4);
        Tensor mask = new Rng(5).bernoulli(0.5, N);
        boolean[] m = mask.toBooleanArray();
        float[] dense = Tensor.where(mask, Tensor.of(a), Tensor.of(b)).toFloatArray();
        float[] scalarElse = Tensor.where(mask, Tensor.of(a), Tensor.scalar(-2, DType.F32)).toFloatArray();
        float[] scalarThen = Tensor.where(mask, Tensor.scalar(3, DType.F32), Tensor.of(b)).toFloatArray();
        float[] asF32 = mask.to(DType.F32).toFloatArray();
        double[] asF64 = mask.to(DType.F64).toDoubleArray();
        for (int i = 0; i < N; i++) {
            assertEquals(Float.floatToRawIntBits(m[i] ? a[i] : b[i]), Float.floatToRawIntBits(dense[i]), "where at " + i);
            assertEquals(m[i] ? a[i] : -2f, scalarElse[i], "where scalar else at " + i);
            assertEquals(m[i] ? 3f : b[i], scalarThen[i], "where scalar then at " + i);
            assertEquals(m[i] ? 1f : 0f, asF32[i], "F32 cast at " + i);
            assertEquals(m[i] ? 1d : 0d, asF64[i], "F64 cast at " + i);
        }
    }

    @Test
    void rowMaxPoolingMatchesTheGeneralRuleWithNanInfinityAndTies() {
        float[] x = awkwardFloats(6);
        Tensor t = Tensor.of(x).reshape(2, 5, 1, 100);
        for (int[] ks : new int[][] {{2, 2}, {3, 2}, {4, 4}, {5, 3}}) {
            PoolSpec spec = new PoolSpec(1, ks[0], 1, ks[1], 0, 0, 1, 1, false, false);
            Conv.PoolResult r = Conv.maxPool2d(t, spec);
            float[] values = r.values().toFloatArray();
            long[] idx = r.indices().toLongArray();
            int outW = r.values().size(3);
            for (int plane = 0; plane < 10; plane++) {
                for (int ow = 0; ow < outW; ow++) {
                    int first = ow * ks[1];
                    float m = Float.NEGATIVE_INFINITY;
                    int best = first;
                    for (int j = first; j < first + ks[0]; j++) {
                        float v = x[plane * 100 + j];
                        if (v > m || Float.isNaN(v)) {
                            m = v;
                            best = j;
                        }
                    }
                    int o = plane * outW + ow;
                    assertEquals(Float.floatToRawIntBits(m), Float.floatToRawIntBits(values[o]), "value " + o + " " + ks[0]);
                    assertEquals(best, idx[o], "index " + o + " kernel " + ks[0] + " stride " + ks[1]);
                }
            }
        }
    }

    @Test
    void scatterAddAlongTheLastAxisAddsRepeatedTargetsInEveryRow() {
        int rows = 300;
        int width = 400;
        Rng rng = new Rng(7);
        Tensor index = rng.randint(0, 50, rows, width);
        Tensor src = rng.randn(DType.F64, rows, width);
        double[] out = Tensor.zeros(DType.F64, rows, 50).scatterAdd(1, index, src).toDoubleArray();
        long[] idx = index.toLongArray();
        double[] s = src.toDoubleArray();
        double[] expected = new double[rows * 50];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                expected[r * 50 + (int) idx[r * width + j]] += s[r * width + j];
            }
        }
        assertArrayEquals(expected, out, 0);
    }

    @Test
    void sumsOverLeadingAxesMatchTheRowwiseReductionOfTheTransposedTensor() {
        Rng rng = new Rng(8);
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double tol = dtype == DType.F64 ? 1e-12 : 1e-4;
            for (int[] shape : new int[][] {{2500, 37}, {3, 4, 1029}, {1, 1}, {1500, 3000}}) {
                Tensor x = rng.randn(dtype, shape);
                int[] lead = shape.length == 3 ? new int[] {0, 1} : new int[] {0};
                double[] fast = x.sum(lead, true).toDoubleArray();
                int rows = 1;
                for (int a : lead) {
                    rows *= shape[a];
                }
                double[] flat = x.toDoubleArray();
                int cols = flat.length / rows;
                for (int j = 0; j < cols; j++) {
                    double expected = 0;
                    for (int i = 0; i < rows; i++) {
                        expected += flat[i * cols + j];
                    }
                    assertEquals(expected, fast[j], tol * Math.sqrt(rows), dtype + " column " + j);
                }
            }
        }
    }
}
