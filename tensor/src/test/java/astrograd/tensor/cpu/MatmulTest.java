package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Linalg;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code Tensor.matmul} / {@code Linalg.matmul} on the CPU backend against a float64 reference: batched and
 * broadcast batches, transposed, sliced, flipped and expanded operands, 1-d operands, empty axes, F32 and F64.
 */
class MatmulTest {
    private final Random rnd = new Random(2024);

    @Test
    void plainMatricesOfManySizes() {
        int[] sizes = {1, 2, 7, 16, 17, 31, 33, 64, 65, 130};
        for (int m : sizes) {
            for (int n : new int[] {1, 5, 32, 49}) {
                int k = sizes[(m + n) % sizes.length];
                checkBoth(random(DType.F32, m, k), random(DType.F32, k, n));
            }
        }
        checkBoth(random(DType.F64, 45, 300), random(DType.F64, 300, 70));
        checkBoth(random(DType.F32, 257, 129), random(DType.F32, 129, 300));
    }

    @Test
    void transposedSlicedAndFlippedOperands() {
        Tensor a = random(DType.F32, 40, 90).transpose(0, 1); // [90, 40], column-major
        Tensor b = random(DType.F32, 70, 33).slice(0, 0, 70, 2).flip(1); // [35, 33]... rows step 2, cols reversed
        checkBoth(a.narrow(1, 5, 35), b);
        Tensor c = random(DType.F64, 3, 50, 60).permute(0, 2, 1); // [3, 60, 50]
        Tensor d = random(DType.F64, 3, 50, 9);
        checkBoth(c, d);
        Tensor e = random(DType.F32, 20, 64, 3).select(2, 1); // [20, 64] with column stride 3
        Tensor f = random(DType.F32, 64, 64).transpose(0, 1);
        checkBoth(e, f);
    }

    @Test
    void batchedWithBroadcastAndExpandedOperands() {
        checkBoth(random(DType.F32, 32, 13, 64), random(DType.F32, 32, 64, 64));
        checkBoth(random(DType.F32, 32, 13, 64), random(DType.F32, 64, 64)); // weight shared by the batch
        checkBoth(random(DType.F64, 3, 1, 5, 7), random(DType.F64, 1, 4, 7, 6));
        Tensor row = random(DType.F32, 1, 1, 40).expand(6, 10, 40); // every row the same, strides 0
        checkBoth(row, random(DType.F32, 6, 40, 20));
        checkBoth(random(DType.F32, 2, 300, 200), random(DType.F32, 200, 260).expand(2, 200, 260));
    }

    @Test
    void vectorOperands() {
        Tensor v = random(DType.F32, 40);
        Tensor m = random(DType.F32, 40, 23);
        Tensor vm = v.matmul(m);
        assertArrayEquals(new int[] {23}, vm.shape());
        assertClose(reference(v.unsqueeze(0), m), vm.unsqueeze(0), 1e-5);
        Tensor mv = m.transpose(0, 1).matmul(v);
        assertArrayEquals(new int[] {23}, mv.shape());
        assertClose(reference(m.transpose(0, 1), v.unsqueeze(1)), mv.unsqueeze(1), 1e-5);
        Tensor dot = v.matmul(v);
        assertEquals(0, dot.rank());
    }

    @Test
    void emptyAxes() {
        Tensor out = Linalg.matmul(Tensor.zeros(DType.F32, 3, 0), Tensor.ones(DType.F32, 0, 4));
        assertArrayEquals(new int[] {3, 4}, out.shape());
        assertArrayEquals(new float[12], out.toFloatArray());
        assertArrayEquals(new int[] {0, 5, 2}, Linalg.matmul(Tensor.ones(DType.F64, 0, 5, 3),
                Tensor.ones(DType.F64, 3, 2)).shape());
        assertArrayEquals(new int[] {4, 0}, Linalg.matmul(Tensor.ones(4, 3), Tensor.ones(3, 0)).shape());
    }

    @Test
    void repeatedCallsAreBitIdentical() {
        Tensor a = random(DType.F32, 4, 200, 333);
        Tensor b = random(DType.F32, 4, 333, 190).transpose(1, 2).contiguous().transpose(1, 2);
        assertArrayEquals(a.matmul(b).toFloatArray(), a.matmul(b).toFloatArray());
        Tensor c = random(DType.F32, 640, 512);
        Tensor d = random(DType.F32, 512, 600);
        assertArrayEquals(c.matmul(d).toFloatArray(), c.matmul(d).toFloatArray());
    }

    @Test
    void rejectsMismatchedOperands() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Tensor.ones(3, 4).matmul(Tensor.ones(5, 6)));
        assertTrue(e.getMessage().contains("[3, 4] @ [5, 6]"), e.getMessage());
        assertThrows(DTypeException.class,
                () -> Tensor.ones(DType.F32, 2, 2).matmul(Tensor.ones(DType.F64, 2, 2)));
        ShapeException direct = assertThrows(ShapeException.class,
                () -> CpuMatmul.matmul(Tensor.ones(2, 3, 4), Tensor.ones(3, 4, 5)));
        assertTrue(direct.getMessage().startsWith("matmul: [2, 3, 4] @ [3, 4, 5]"), direct.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    private void checkBoth(Tensor a, Tensor b) {
        Tensor viaTensor = a.matmul(b);
        Tensor viaLinalg = Linalg.matmul(a, b);
        double tol = a.dtype() == DType.F32 ? 1e-5 : 1e-12;
        Tensor want = reference(a, b);
        assertClose(want, viaTensor, tol);
        assertClose(want, viaLinalg, tol);
    }

    /** Float64 batched product of the broadcast operands, with the per-element scale Σ|a·b| in a second half. */
    private static Tensor reference(Tensor a, Tensor b) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int[] batch = Shape.broadcast("ref", Arrays.copyOf(a.shape(), a.rank() - 2),
                Arrays.copyOf(b.shape(), b.rank() - 2));
        double[] x = a.broadcastTo(Shape.concat(batch, new int[] {m, k})).contiguous().toDoubleArray();
        double[] y = b.broadcastTo(Shape.concat(batch, new int[] {k, n})).contiguous().toDoubleArray();
        int batches = Shape.numel(batch);
        double[] out = new double[2 * batches * m * n];
        int half = batches * m * n;
        for (int t = 0; t < batches; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double abs = 0;
                    for (int p = 0; p < k; p++) {
                        double v = x[t * m * k + i * k + p] * y[t * k * n + p * n + j];
                        s += v;
                        abs += Math.abs(v);
                    }
                    out[t * m * n + i * n + j] = s;
                    out[half + t * m * n + i * n + j] = abs;
                }
            }
        }
        return Tensor.of(out, Shape.concat(new int[] {2}, Shape.concat(batch, new int[] {m, n})));
    }

    private static void assertClose(Tensor wantAndScale, Tensor got, double tol) {
        int[] shape = got.shape();
        assertArrayEquals(Arrays.copyOfRange(wantAndScale.shape(), 1, wantAndScale.rank()), shape);
        double[] ws = wantAndScale.toDoubleArray();
        double[] g = got.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            double want = ws[i];
            double scale = ws[g.length + i];
            int at = i;
            assertTrue(Math.abs(g[i] - want) <= tol * scale + 1e-300,
                    () -> "matmul " + Shape.str(shape) + " flat index " + at + ": " + g[at] + " vs " + want);
        }
    }

    private Tensor random(DType dtype, int... shape) {
        int size = Shape.numel(shape);
        if (dtype == DType.F32) {
            return Tensor.of(GemmTest.randomF32(rnd, size), shape);
        }
        return Tensor.of(GemmTest.randomF64(rnd, size), shape);
    }
}
