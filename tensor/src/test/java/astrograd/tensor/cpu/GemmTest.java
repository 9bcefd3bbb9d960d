package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Raw-array GEMM against float64 reference loops: sizes around the tile and block edges, transposed and
 * strided operands, accumulate, and the documented bit-exact FMA-chain order (which makes results
 * independent of the thread split).
 */
class GemmTest {
    private static final int[] EDGE_SIZES = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 65,
        95, 97, 129, 191, 193, 255, 257, 300};

    /** One strided layout of a rows×cols operand inside a padded array. */
    private record Layout(int off, int rowStride, int colStride, int length) {
        static Layout of(String kind, int rows, int cols) {
            switch (kind) {
                case "rowMajor": return new Layout(3, cols, 1, 3 + rows * cols);
                case "transposed": return new Layout(5, 1, rows, 5 + rows * cols);
                case "padded": return new Layout(1, cols + 7, 1, 1 + rows * (cols + 7));
                case "strided": return new Layout(2, 2 * cols + 1, 2, 2 + rows * (2 * cols + 1));
                default: return new Layout(rows * cols - 1 + 4, -cols, -1, rows * cols + 4); // flipped both ways
            }
        }

        int at(int i, int j) {
            return off + i * rowStride + j * colStride;
        }
    }

    private static final String[] KINDS = {"rowMajor", "transposed", "padded", "strided", "flipped"};

    @Test
    void randomShapesAndLayoutsF32() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 160; trial++) {
            int m = pick(rnd);
            int n = pick(rnd);
            int k = pick(rnd);
            String ka = KINDS[rnd.nextInt(KINDS.length)];
            String kb = KINDS[rnd.nextInt(KINDS.length)];
            checkF32(rnd, m, n, k, ka, kb, rnd.nextBoolean());
        }
    }

    @Test
    void randomShapesAndLayoutsF64() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 120; trial++) {
            checkF64(rnd, pick(rnd), pick(rnd), pick(rnd), KINDS[rnd.nextInt(KINDS.length)],
                    KINDS[rnd.nextInt(KINDS.length)], rnd.nextBoolean());
        }
    }

    @Test
    void everyLayoutPairOnBlockEdges() {
        Random rnd = new Random(3);
        for (String ka : KINDS) {
            for (String kb : KINDS) {
                checkF32(rnd, 97, 65, 257, ka, kb, false);
                checkF32(rnd, 13, 64, 64, ka, kb, true);
                checkF64(rnd, 33, 17, 300, ka, kb, true);
            }
        }
    }

    @Test
    void largeProducts() {
        Random rnd = new Random(11);
        checkF32(rnd, 1024, 1024, 520, "rowMajor", "rowMajor", false);
        checkF32(rnd, 1031, 777, 301, "transposed", "transposed", true);
        checkF32(rnd, 5, 3100, 700, "rowMajor", "rowMajor", false);
        checkF32(rnd, 3100, 3, 400, "rowMajor", "transposed", false);
        checkF64(rnd, 600, 530, 513, "rowMajor", "padded", false);
    }

    @Test
    void emptyInnerDimensionZeroesOrKeepsC() {
        float[] c = {1, 2, 3, 4, 5, 6, 9};
        Gemm.sgemm(2, 3, 0, new float[0], 0, 0, 0, new float[0], 0, 0, 0, c, 0, 3, true);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 9}, c);
        Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 0, new float[0], 0, 0, 0, c, 0, 3, false);
        assertArrayEquals(new float[] {0, 0, 3, 0, 0, 6, 9}, c, "only the 2×2 block with ldc 3 is written");
        double[] d = {7};
        Gemm.dgemm(0, 5, 4, new double[0], 0, 0, 0, new double[0], 0, 0, 0, d, 0, 5, false);
        assertEquals(7, d[0]);
    }

    @Test
    void stridesZeroBroadcastAnElement() {
        float[] a = {2};
        float[] b = {1, 2, 3};
        float[] c = new float[2 * 3];
        Gemm.sgemm(2, 3, 4, a, 0, 0, 0, b, 0, 0, 1, c, 0, 3, false);
        assertArrayEquals(new float[] {8, 16, 24, 8, 16, 24}, c);
    }

    /** Products narrower than a vector with a column-contiguous A run transposed; still the exact chain. */
    @Test
    void narrowProductsOfATransposedAAreTheSequentialFmaChain() {
        Random rnd = new Random(11);
        for (int m : new int[] {32, 64, 100}) {
            for (int n : new int[] {1, 6, 13, GemmKernelF32.L - 1}) {
                for (int k : new int[] {1, 32, 77}) {
                    float[] rowMajorA = randomF32(rnd, m * k);
                    float[] columnMajorA = new float[m * k];
                    for (int i = 0; i < m; i++) {
                        for (int p = 0; p < k; p++) {
                            columnMajorA[p * m + i] = rowMajorA[i * k + p];
                        }
                    }
                    float[] b = randomF32(rnd, k * n);
                    float[] c0 = randomF32(rnd, m * n);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] c = c0.clone();
                        Gemm.sgemm(m, n, k, columnMajorA, 0, 1, m, b, 0, n, 1, c, 0, n, accumulate);
                        float[] chain = fmaChainF32(m, n, k, rowMajorA, b, accumulate ? c0 : new float[m * n]);
                        assertArrayEquals(chain, c, m + "x" + n + "x" + k + " acc=" + accumulate);
                    }
                }
            }
        }
    }

    /** One panel of columns over a large row-major A (a linear layer's forward) runs unpacked; still the chain. */
    @Test
    void skinnyProductsAreTheSequentialFmaChainForRowMajorAndTransposedB() {
        Random rnd = new Random(12);
        int n = GemmKernelF32.NR;
        for (int[] mk : new int[][] {{300, 1000}, {1027, 333}}) {
            int m = mk[0];
            int k = mk[1];
            float[] a = randomF32(rnd, m * k);
            float[] b = randomF32(rnd, k * n);
            float[] bT = transposed(b, k, n);
            float[] c0 = randomF32(rnd, m * n);
            float[] chain = fmaChainF32(m, n, k, a, b, c0);
            float[] rowMajor = c0.clone();
            Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, rowMajor, 0, n, true);
            float[] transposed = c0.clone();
            Gemm.sgemm(m, n, k, a, 0, k, 1, bT, 0, 1, k, transposed, 0, n, true);
            assertArrayEquals(chain, rowMajor, m + "x" + n + "x" + k + " row-major B");
            assertArrayEquals(chain, transposed, m + "x" + n + "x" + k + " transposed B");
        }
    }

    /** Shapes cover every split: shared packed B by row chunks, private rows, columns, and serial. */
    @Test
    void resultIsTheSequentialFmaChainWhateverTheSplit() {
        Random rnd = new Random(5);
        int[][] shapes = {{300, 290, 700}, {600, 700, 300}, {16, 2000, 64}, {40, 3000, 100}, {13, 64, 64}, {700, 40, 300}, {3, 5, 1000}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = randomF32(rnd, m * k);
            float[] b = randomF32(rnd, k * n);
            float[] c0 = randomF32(rnd, m * n);
            float[] serial = c0.clone();
            float[] parallel = c0.clone();
            GemmF32.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, serial, 0, n, true, false);
            GemmF32.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, parallel, 0, n, true, true);
            float[] again = c0.clone();
            Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, again, 0, n, true);
            float[] chain = fmaChainF32(m, n, k, a, b, c0);
            assertArrayEquals(chain, serial, Arrays.toString(s));
            assertArrayEquals(chain, parallel, Arrays.toString(s));
            assertArrayEquals(parallel, again, Arrays.toString(s));

            double[] da = randomF64(rnd, m * k);
            double[] db = randomF64(rnd, k * n);
            double[] ds = new double[m * n];
            double[] dp = new double[m * n];
            GemmF64.gemm(m, n, k, da, 0, k, 1, db, 0, n, 1, ds, 0, n, false, false);
            GemmF64.gemm(m, n, k, da, 0, k, 1, db, 0, n, 1, dp, 0, n, false, true);
            assertArrayEquals(ds, dp, Arrays.toString(s));
        }
    }

    /**
     * A transposed B wide enough that the threads split its columns, and products whose C block spans several
     * row chunks of a thread's tile-major accumulation buffer, with and without accumulation.
     */
    @Test
    void transposedBAndLargeCBlocksAreTheSequentialFmaChain() {
        Random rnd = new Random(6);
        int[][] shapes = {{600, 700, 300}, {1100, 600, 300}, {70, 1300, 520}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = randomF32(rnd, m * k);
            float[] b = randomF32(rnd, k * n);
            float[] bT = transposed(b, k, n);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] c0 = accumulate ? randomF32(rnd, m * n) : new float[m * n];
                float[] chain = fmaChainF32(m, n, k, a, b, c0);
                for (boolean parallel : new boolean[] {false, true}) {
                    float[] c = accumulate ? c0.clone() : randomF32(rnd, m * n);
                    GemmF32.gemm(m, n, k, a, 0, k, 1, bT, 0, 1, k, c, 0, n, accumulate, parallel);
                    assertArrayEquals(chain, c, Arrays.toString(s) + " transposed B, parallel " + parallel);
                    c = accumulate ? c0.clone() : randomF32(rnd, m * n);
                    GemmF32.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, accumulate, parallel);
                    assertArrayEquals(chain, c, Arrays.toString(s) + " row-major B, parallel " + parallel);
                }
            }
        }
    }

    /**
     * A B whose columns are all the same (column stride 0, as a broadcast upstream gradient is read in place), on
     * the packed paths with whole and partial column panels: the same bits as the materialized B.
     */
    @Test
    void aColumnBroadcastBIsTheMaterializedOne() {
        Random rnd = new Random(7);
        int[][] shapes = {{300, 290, 64}, {96, 4096, 64}, {288, 100, 300}, {40, 33, 700}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = randomF32(rnd, m * k);
            float[] column = randomF32(rnd, k);
            float[] b = new float[k * n];
            for (int p = 0; p < k; p++) {
                Arrays.fill(b, p * n, (p + 1) * n, column[p]);
            }
            float[] materialized = new float[m * n];
            float[] broadcast = randomF32(rnd, m * n);
            Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, materialized, 0, n, false);
            Gemm.sgemm(m, n, k, a, 0, k, 1, column, 0, 1, 0, broadcast, 0, n, false);
            assertArrayEquals(materialized, broadcast, Arrays.toString(s));
            float[] scalar = new float[m * n];
            Arrays.fill(b, column[0]);
            Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, materialized, 0, n, false);
            Gemm.sgemm(m, n, k, a, 0, k, 1, column, 0, 0, 0, scalar, 0, n, false);
            assertArrayEquals(materialized, scalar, Arrays.toString(s) + " one element");
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(-1, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, false));
        assertTrue(e.getMessage().startsWith("sgemm: negative size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(2, 2, 3, a, 1, 3, 1, b, 0, 2, 1, c, 0, 2, false));
        assertTrue(e.getMessage().contains("A [2, 3] at offset 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 1, 2, false));
        assertTrue(e.getMessage().contains("C [2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 1, false));
        assertTrue(e.getMessage().contains("ldc 1 < n 2"), e.getMessage());
        float[] shared = new float[20];
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(2, 2, 3, shared, 0, 3, 1, b, 0, 2, 1, shared, 4, 2, false));
        assertTrue(e.getMessage().contains("overlaps A"), e.getMessage());
        Gemm.sgemm(2, 2, 3, shared, 0, 3, 1, b, 0, 2, 1, shared, 6, 2, false); // disjoint regions are fine
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.dgemm(2, 2, 3, new double[6], 0, 3, 1, new double[5], 0, 2, 1, new double[4], 0, 2, false));
    }

    // ------------------------------------------------------------------ helpers

    private static int pick(Random rnd) {
        return rnd.nextInt(4) == 0 ? rnd.nextInt(70) : EDGE_SIZES[rnd.nextInt(EDGE_SIZES.length)];
    }

    private static void checkF32(Random rnd, int m, int n, int k, String ka, String kb, boolean accumulate) {
        Layout la = Layout.of(ka, m, k);
        Layout lb = Layout.of(kb, k, n);
        float[] a = randomF32(rnd, la.length());
        float[] b = randomF32(rnd, lb.length());
        int ldc = n + 3;
        float[] c = randomF32(rnd, 2 + m * ldc);
        float[] before = c.clone();
        Gemm.sgemm(m, n, k, a, la.off(), la.rowStride(), la.colStride(), b, lb.off(), lb.rowStride(),
                lb.colStride(), c, 2, ldc, accumulate);
        String what = "sgemm " + m + "x" + n + "x" + k + " " + ka + "/" + kb + " acc=" + accumulate;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? before[2 + i * ldc + j] : 0;
                double abs = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = (double) a[la.at(i, p)] * b[lb.at(p, j)];
                    sum += t;
                    abs += Math.abs(t);
                }
                double got = c[2 + i * ldc + j];
                double want = sum;
                String where = " at (" + i + ", " + j + "): ";
                assertTrue(Math.abs(got - want) <= 1e-5 * abs + 1e-30, () -> what + where + got + " vs " + want);
            }
            for (int j = n; j < ldc && 2 + i * ldc + j < c.length; j++) {
                assertEquals(before[2 + i * ldc + j], c[2 + i * ldc + j], what + ": wrote outside C");
            }
        }
        assertEquals(before[0], c[0], what);
        assertEquals(before[1], c[1], what);
    }

    private static void checkF64(Random rnd, int m, int n, int k, String ka, String kb, boolean accumulate) {
        Layout la = Layout.of(ka, m, k);
        Layout lb = Layout.of(kb, k, n);
        double[] a = randomF64(rnd, la.length());
        double[] b = randomF64(rnd, lb.length());
        double[] c = randomF64(rnd, m * n);
        double[] before = c.clone();
        Gemm.dgemm(m, n, k, a, la.off(), la.rowStride(), la.colStride(), b, lb.off(), lb.rowStride(),
                lb.colStride(), c, 0, n, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? before[i * n + j] : 0;
                double abs = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = a[la.at(i, p)] * b[lb.at(p, j)];
                    sum += t;
                    abs += Math.abs(t);
                }
                double got = c[i * n + j];
                double want = sum;
                assertTrue(Math.abs(got - want) <= 1e-12 * abs + 1e-300,
                        () -> "dgemm " + m + "x" + n + "x" + k + " " + ka + "/" + kb + ": " + got + " vs " + want);
            }
        }
    }

    /** The {@code cols × rows} transpose of a row-major {@code rows × cols} matrix. */
    private static float[] transposed(float[] b, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int p = 0; p < rows; p++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + p] = b[p * cols + j];
            }
        }
        return t;
    }

    private static float[] fmaChainF32(int m, int n, int k, float[] a, float[] b, float[] c0) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = c[i * n + j];
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    static float[] randomF32(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextGaussian());
        }
        return x;
    }

    static double[] randomF64(Random rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
