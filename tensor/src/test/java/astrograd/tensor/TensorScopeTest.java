package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorScopeTest {
    private static final int N = 1 << 16;

    private static Tensor ramp() {
        return Tensor.arange(0, N, 1, DType.F32);
    }

    @Test
    void releasedTensorsThrowAndKeptOnesSurvive() {
        Tensor kept;
        Tensor dropped;
        try (TensorScope scope = TensorScope.open()) {
            dropped = ramp().mul(2f);
            kept = scope.keep(ramp().add(1f));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, dropped::toFloatArray);
        assertEquals(true, e.getMessage().contains("TensorScope"));
        assertEquals(N, kept.toFloatArray()[N - 1]);
    }

    @Test
    void recycledMemoryGivesCorrectResultsAndHandedOutArraysStayIntact() {
        float[] out = null;
        for (int step = 0; step < 5; step++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor y = ramp().mul(3f).sub(1f).relu();
                float[] copy = y.toFloatArray();
                if (out != null) {
                    assertArrayEquals(out, copy);
                }
                out = copy;
                Tensor zeros = Tensor.zeros(N);
                assertEquals(0.0, zeros.sum().item());
            }
        }
        assertEquals(3f * (N - 1) - 1, out[N - 1]);
        assertEquals(0f, out[0]);
    }

    @Test
    void recycledArraysNeverLeakStaleValuesIntoKernelOutputs() {
        Tensor x = Tensor.ones(2, 4, 32, 32);
        Tensor w = Tensor.ones(8, 4, 3, 3);
        Tensor expected = Conv.conv2d(x, w, null, 1, 1, 1, 1);
        for (int step = 0; step < 3; step++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor garbage = Tensor.full(DType.F32, 7, 2, 8, 32, 32).add(1f);
                garbage.mul(3f);
                assertArrayEquals(expected.toFloatArray(), Conv.conv2d(x, w, null, 1, 1, 1, 1).toFloatArray());
                Tensor m = Tensor.zeros(256, 0).matmul(Tensor.zeros(0, 256));
                assertEquals(0.0, m.abs().sum().item());
            }
        }
    }

    @Test
    void nestedScopesMoveKeptTensorsOutward() {
        Tensor survivor;
        try (TensorScope outer = TensorScope.open()) {
            Tensor inner;
            try (TensorScope in = TensorScope.open()) {
                inner = in.keep(ramp().add(5f));
            }
            assertEquals(5f, inner.toFloatArray()[0]);
            survivor = outer.keep(inner.mul(2f));
        }
        assertEquals(10f, survivor.toFloatArray()[0]);
    }

    @Test
    void scopesCloseInReverseOrder() {
        TensorScope outer = TensorScope.open();
        TensorScope inner = TensorScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
        assertThrows(IllegalStateException.class, outer::close);
    }
}
