package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ElementwiseTest {
    @Test
    void broadcastingArithmeticAcrossAxes() {
        Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor col = Tensor.of(new float[][] {{10}, {20}});
        assertArrayEquals(new float[] {11, 12, 13, 24, 25, 26}, a.add(col).toFloatArray());
        assertArrayEquals(new float[] {-9, -18, -27, -36, -45, -54}, a.sub(a.mul(10f)).toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, a.div(2).toFloatArray());
        assertArrayEquals(new float[] {3, 3, 3, 4, 5, 6}, a.maximum(3).toFloatArray());
        assertArrayEquals(new float[] {2, 2, 3, 4, 4, 4}, a.clamp(2, 4).toFloatArray());
    }

    @Test
    void largeContiguousRunsMatchScalarMath() {
        int n = 100_003;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(i) * 8;
        }
        Tensor t = Tensor.of(x);
        float[] sig = t.sigmoid().toFloatArray();
        float[] sp = t.softplus().toFloatArray();
        float[] th = t.tanh().toFloatArray();
        for (int i = 0; i < n; i += 997) {
            assertEquals(1 / (1 + Math.exp(-x[i])), sig[i], 1e-6);
            assertEquals(Math.log1p(Math.exp(x[i])), sp[i], 1e-5);
            assertEquals(Math.tanh(x[i]), th[i], 1e-6);
        }
    }

    @Test
    void nanPropagatesThroughMaximumAndRelu() {
        Tensor t = Tensor.of(Float.NaN, -1f, 2f);
        float[] m = t.maximum(0).toFloatArray();
        assertEquals(Float.NaN, m[0]);
        assertEquals(0f, m[1]);
        assertEquals(Float.NaN, t.relu().toFloatArray()[0]);
    }

    @Test
    void dtypeRules() {
        Tensor i = Tensor.of(new int[] {1, 2, 3}, 3);
        assertEquals(DType.I32, i.add(i).dtype());
        assertEquals(DType.F32, i.div(i).dtype());
        assertEquals(DType.F32, i.exp().dtype());
        assertEquals(DType.F64, i.add(Tensor.of(1.0)).dtype());
        assertEquals(DType.BOOL, i.gt(1).dtype());
        assertArrayEquals(new boolean[] {false, true, true}, i.gt(1).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true, false}, i.lt(3).and(i.gt(0)).toBooleanArray());
        assertThrows(DTypeException.class, () -> i.gt(1).add(i.gt(1)));
        assertThrows(DTypeException.class, () -> i.and(i));
    }

    @Test
    void whereAndMaskedFill() {
        Tensor x = Tensor.of(new double[][] {{1, -2}, {-3, 4}});
        Tensor pos = x.gt(0);
        assertArrayEquals(new double[] {1, 0, 0, 4}, Tensor.where(pos, x, Tensor.scalar(0, DType.F64)).toDoubleArray());
        assertArrayEquals(new double[] {1, 9, 9, 4}, x.maskedFill(pos.not(), 9).toDoubleArray());
    }

    @Test
    void specialFunctions() {
        Tensor x = Tensor.of(-3.0, -0.5, 0.0, 0.3, 1.0, 2.7, 5.0);
        double[] erf = x.erf().toDoubleArray();
        double[] expected = {-0.9999779095030014, -0.5204998778130465, 0, 0.3286267594591274,
            0.8427007929497149, 0.9998656672600594, 0.9999999999984626};
        assertArrayEquals(expected, erf, 1e-15);
        double[] lg = Tensor.of(0.5, 1.0, 2.0, 3.5, 10.0, 100.0, -0.5).lgamma().toDoubleArray();
        double[] lgExpected = {0.5723649429247001, 0, 0, 1.2009736023470743, 12.801827480081469,
            359.1342053695754, 1.2655121234846454};
        assertArrayEquals(lgExpected, lg, 1e-12);
        double[] dg = Tensor.of(0.5, 1.0, 3.7, -0.5, 12.0).digamma().toDoubleArray();
        double[] dgExpected = {-1.9635100260214235, -0.5772156649015329, 1.1671535393615113,
            0.03648997397857651, 2.4426616799758123};
        assertArrayEquals(dgExpected, dg, 1e-13);
    }
}
