package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReductionsTest {
    private static final Tensor M = Tensor.of(new double[][] {{1, 5, 3}, {4, 2, 6}});

    @Test
    void sumMeanVarOverAxes() {
        assertArrayEquals(new double[] {5, 7, 9}, M.sum(0).toDoubleArray());
        assertArrayEquals(new double[] {9, 12}, M.sum(new int[] {1}, false).toDoubleArray());
        assertArrayEquals(new int[] {2, 1}, M.sum(new int[] {-1}, true).shape());
        assertEquals(21, M.sum().item());
        assertEquals(3.5, M.mean().item());
        assertArrayEquals(new double[] {4, 4}, M.var(new int[] {1}, true, false).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {8.0 / 3, 8.0 / 3}, M.var(new int[] {1}, false, false).toDoubleArray(), 1e-12);
        assertEquals(720, M.prod(new int[0], false).item());
    }

    @Test
    void maxMinArgOnTransposedInput() {
        Tensor t = M.transpose(0, 1);
        assertArrayEquals(new double[] {5, 6}, t.max(new int[] {0}, false).toDoubleArray());
        assertArrayEquals(new long[] {1, 2}, t.argmax(0, false).toLongArray());
        assertArrayEquals(new long[] {0, 1}, M.argmin(1, false).toLongArray());
        assertThrows(ShapeException.class, () -> Tensor.zeros(0, 3).max(new int[] {0}, false));
    }

    @Test
    void longSumIsDeterministicAndAccurate() {
        int n = 1_000_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1f;
        }
        double s = Tensor.of(x).sum().item();
        assertEquals(n * (double) 0.1f, s, 1e-1);
        assertEquals(s, Tensor.of(x).sum().item());
    }

    @Test
    void logsumexpSoftmaxStableForLargeValues() {
        Tensor x = Tensor.of(new float[][] {{1000, 1000}, {-1000, -1001}});
        assertArrayEquals(new float[] {1000 + (float) Math.log(2), -1000 + (float) Math.log1p(Math.exp(-1))},
                x.logsumexp(new int[] {1}, false).toFloatArray(), 1e-3f);
        assertArrayEquals(new float[] {0.5f, 0.5f}, x.softmax(1).select(0, 0).toFloatArray(), 1e-7f);
        Tensor allNegInf = Tensor.full(DType.F32, Float.NEGATIVE_INFINITY, 3);
        assertEquals(Double.NEGATIVE_INFINITY, allNegInf.logsumexp(new int[] {0}, false).item());
        Tensor l = x.logSoftmax(0);
        assertArrayEquals(new float[] {0, 0}, l.select(0, 0).toFloatArray(), 1e-6f);
        Tensor multi = x.logsumexp(new int[] {0, 1}, false);
        assertEquals(1000 + Math.log(2), multi.item(), 1e-3);
    }

    @Test
    void cumsumAlongAnyAxis() {
        assertArrayEquals(new double[] {1, 6, 9, 4, 6, 12}, M.cumsum(1).toDoubleArray());
        assertArrayEquals(new double[] {1, 5, 3, 5, 7, 9}, M.cumsum(0).toDoubleArray());
        assertArrayEquals(new long[] {1, 3, 6}, Tensor.of(new int[] {1, 2, 3}, 3).cumsum(0).toLongArray());
    }
}
