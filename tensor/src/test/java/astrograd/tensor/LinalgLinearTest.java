package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Linalg#linear} against the product of the transposed weight plus the bias, for every layout. */
class LinalgLinearTest {
    @Test
    void equalsTheProductPlusBiasForBatchedStridedAndVectorInputs() {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double tol = dtype == DType.F64 ? 1e-12 : 1e-4;
            Rng rng = new Rng(4);
            Tensor w = rng.randn(dtype, 40, 70);
            Tensor b = rng.randn(dtype, 80).narrow(0, 5, 40);
            Tensor[] inputs = {rng.randn(dtype, 33, 70), rng.randn(dtype, 2, 5, 70), rng.randn(dtype, 70, 33).transpose(0, 1),
                rng.randn(dtype, 70)};
            for (Tensor x : inputs) {
                Tensor expected = x.matmul(w.transpose(0, 1)).add(b);
                Tensor got = Linalg.linear(x, w, b);
                assertArrayEquals(expected.shape(), got.shape());
                assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), tol, dtype + " " + Shape.str(x.shape()));
                assertArrayEquals(x.matmul(w.transpose(0, 1)).toDoubleArray(), Linalg.linear(x, w, null).toDoubleArray(),
                        tol, "no bias");
            }
            Tensor wT = rng.randn(dtype, 70, 40).transpose(0, 1);
            Tensor x = rng.randn(dtype, 9, 70);
            assertArrayEquals(x.matmul(wT.transpose(0, 1)).add(b).toDoubleArray(), Linalg.linear(x, wT, b).toDoubleArray(),
                    tol, "a transposed weight view");
        }
    }

    @Test
    void eachElementIsOneFmaChainStartingFromItsBias() {
        Rng rng = new Rng(6);
        Tensor x = rng.randn(DType.F32, 3, 5);
        Tensor w = rng.randn(DType.F32, 4, 5);
        Tensor b = rng.randn(DType.F32, 4);
        float[] got = Linalg.linear(x, w, b).toFloatArray();
        float[] xs = x.toFloatArray();
        float[] ws = w.toFloatArray();
        float[] bs = b.toFloatArray();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                float c = bs[j];
                for (int p = 0; p < 5; p++) {
                    c = Math.fma(xs[i * 5 + p], ws[j * 5 + p], c);
                }
                assertEquals(Float.floatToIntBits(c), Float.floatToIntBits(got[i * 4 + j]), "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void refusesShapesAndDtypesThatDoNotFit() {
        Tensor x = Tensor.zeros(DType.F32, 2, 4);
        ShapeException e = assertThrows(ShapeException.class, () -> Linalg.linear(x, Tensor.zeros(DType.F32, 3, 5), null));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[3, 5]"), e.getMessage());
        assertThrows(ShapeException.class, () -> Linalg.linear(x, Tensor.zeros(DType.F32, 3, 4), Tensor.zeros(DType.F32, 4)));
        assertThrows(DTypeException.class, () -> Linalg.linear(x, Tensor.zeros(DType.F64, 3, 4), null));
        assertThrows(DTypeException.class,
                () -> Linalg.linear(x, Tensor.zeros(DType.F32, 3, 4), Tensor.zeros(DType.F64, 3)));
    }
}
