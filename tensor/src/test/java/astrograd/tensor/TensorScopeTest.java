package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.cpu.CpuStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Kernels whose outputs start from recycled arrays overwrite every element: the pool is first filled with
     * arrays of exactly the outputs' sizes (all at least {@code ArrayPool.MIN_ELEMENTS}, so they are recycled; the
     * test checks that the outputs got them) holding garbage.
     */
    @Test
    void recycledArraysNeverLeakStaleValuesIntoKernelOutputs() {
        Tensor x = Tensor.ones(2, 4, 32, 32);
        Tensor w = Tensor.ones(8, 4, 3, 3);
        Tensor expected = Conv.conv2d(x, w, null, 1, 1, 1, 1);
        for (int step = 0; step < 3; step++) {
            List<Object> garbage = garbage(2 * 8 * 32 * 32, 256 * 256);
            try (TensorScope scope = TensorScope.open()) {
                Tensor conv = Conv.conv2d(x, w, null, 1, 1, 1, 1);
                assertArrayEquals(expected.toFloatArray(), conv.toFloatArray());
                Tensor m = Tensor.zeros(256, 0).matmul(Tensor.zeros(0, 256));
                assertEquals(0.0, m.abs().sum().item());
                assertTrue(garbage.contains(array(conv)) && garbage.contains(array(m)), "outputs in recycled arrays");
            }
        }
    }

    /** Arrays of these sizes, full of 7s, released into the pool; returned for identity checks. */
    private static List<Object> garbage(int... sizes) {
        List<Object> arrays = new ArrayList<>();
        try (TensorScope scope = TensorScope.open()) {
            for (int n : sizes) {
                arrays.add(array(Tensor.full(DType.F32, 7, n).add(0f)));
            }
        }
        return arrays;
    }

    private static Object array(Tensor t) {
        return ((CpuStorage) t.storage()).array();
    }

    @Test
    void keepingATensorAllocatedOutsideAnyScopeLeavesItToTheCollector() {
        Tensor foreign = ramp().add(1f);
        try (TensorScope outer = TensorScope.open()) {
            try (TensorScope inner = TensorScope.open()) {
                inner.keep(foreign);
            }
        }
        assertEquals(N, foreign.toFloatArray()[N - 1]);
    }

    @Test
    void keepingATensorOfAGrandparentScopeLeavesItWithTheGrandparent() {
        Tensor grand;
        try (TensorScope grandparent = TensorScope.open()) {
            grand = ramp().add(1f);
            try (TensorScope parent = TensorScope.open()) {
                try (TensorScope child = TensorScope.open()) {
                    child.keep(grand);
                }
                assertEquals(N, grand.toFloatArray()[N - 1]);
            }
            assertEquals(N, grand.toFloatArray()[N - 1], "released by the parent scope");
        }
        assertThrows(IllegalStateException.class, grand::toFloatArray, "the grandparent owns it");
    }

    @Test
    void keptStorageMovesOneScopeOutwardAtATime() {
        Tensor t;
        try (TensorScope grandparent = TensorScope.open()) {
            try (TensorScope parent = TensorScope.open()) {
                try (TensorScope child = TensorScope.open()) {
                    t = child.keep(ramp().add(1f));
                    child.keep(t);
                }
                assertEquals(N, t.toFloatArray()[N - 1]);
            }
            assertThrows(IllegalStateException.class, t::toFloatArray, "the parent released it");
        }
    }

    @Test
    void keepingATensorOfAnOpenInnerScopeThrows() {
        try (TensorScope outer = TensorScope.open()) {
            try (TensorScope inner = TensorScope.open()) {
                Tensor t = ramp().add(1f);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> outer.keep(t));
                assertTrue(e.getMessage().contains("inner scope"), e.getMessage());
            }
        }
    }

    /** A caller's array is neither released nor pooled (a later result would overwrite it). */
    @Test
    void wrappedCallerArraysAreNeverReleasedOrRecycled() {
        float[] mine = new float[N];
        Arrays.fill(mine, 3f);
        Tensor wrapped;
        try (TensorScope scope = TensorScope.open()) {
            wrapped = new Tensor(CpuStorage.wrap(DType.F32, mine), new int[] {N});
            assertEquals(3.0 * N, wrapped.sum().item());
        }
        for (int i = 0; i < 3; i++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor.full(DType.F32, 9, N).add(1f);
            }
        }
        for (float v : mine) {
            assertEquals(3f, v);
        }
        assertEquals(3f, wrapped.toFloatArray()[0]);
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
