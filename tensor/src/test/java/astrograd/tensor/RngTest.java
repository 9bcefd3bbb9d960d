package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Streams, the documented element mapping, and reproducibility of {@link Rng}. */
class RngTest {

    /** The words of block b under key k, straight from the block function. */
    private static int[] words(long key, long block) {
        int[] w = new int[4];
        Philox.block((int) block, (int) (block >>> 32), 0, 0, (int) key, (int) (key >>> 32), w, 0);
        return w;
    }

    @Test
    void sameSeedGivesSameNumbers() {
        assertArrayEquals(new Rng(7).rand(DType.F32, 3, 5).toFloatArray(), new Rng(7).rand(DType.F32, 3, 5).toFloatArray());
        assertArrayEquals(new Rng(7).randn(DType.F64, 11).toDoubleArray(), new Rng(7).randn(DType.F64, 11).toDoubleArray());
        assertArrayEquals(new Rng(7).randint(-5, 5, 9).toLongArray(), new Rng(7).randint(-5, 5, 9).toLongArray());
        assertFalse(Arrays.equals(new Rng(7).rand(DType.F32, 8).toFloatArray(), new Rng(8).rand(DType.F32, 8).toFloatArray()));
    }

    @Test
    void uniformF32FollowsTheDocumentedMapping() {
        long seed = 0x1234_5678_9abc_def0L;
        Rng rng = new Rng(seed, 40);
        Tensor t = rng.rand(DType.F32, 2, 5);
        float[] got = t.toFloatArray();
        for (int i = 0; i < 10; i++) {
            int w = words(seed, 40 + i / 4)[i % 4];
            assertEquals((w >>> 8) * 0x1p-24f, got[i], "element " + i);
        }
        assertEquals(43, rng.counter(), "10 elements at 4 per block consume 3 blocks");
        assertArrayEquals(new int[] {2, 5}, t.shape());
        assertEquals(DType.F32, t.dtype());
    }

    @Test
    void uniformF64AndBitsFollowTheDocumentedMapping() {
        Rng rng = new Rng(99);
        double[] u = rng.rand(DType.F64, 5).toDoubleArray();
        assertEquals(3, rng.counter());
        long[] bits = new Rng(99).bits(DType.I64, 5).toLongArray();
        for (int i = 0; i < 5; i++) {
            int[] w = words(99, i / 2);
            long x = ((long) w[2 * (i % 2) + 1] << 32) | (w[2 * (i % 2)] & 0xffffffffL);
            assertEquals((x >>> 11) * 0x1p-53, u[i], "element " + i);
            assertEquals(x, bits[i], "bits element " + i);
        }
    }

    @Test
    void normalFollowsBoxMullerOnTheDocumentedWords() {
        float[] z32 = new Rng(5).randn(DType.F32, 6).toFloatArray();
        for (int i = 0; i < 6; i++) {
            int[] w = words(5, i / 4);
            int q = (i % 4) / 2;
            double u1 = ((w[2 * q] & 0xffffffffL) + 1) * 0x1p-32;
            double u2 = (w[2 * q + 1] & 0xffffffffL) * 0x1p-32;
            double r = Math.sqrt(-2 * Math.log(u1));
            double z = i % 2 == 0 ? r * Math.cos(2 * Math.PI * u2) : r * Math.sin(2 * Math.PI * u2);
            assertEquals((float) z, z32[i], "F32 element " + i);
        }
        double[] z64 = new Rng(5).randn(DType.F64, 3).toDoubleArray();
        for (int i = 0; i < 3; i++) {
            int[] w = words(5, i / 2);
            long x0 = ((long) w[1] << 32) | (w[0] & 0xffffffffL);
            long x1 = ((long) w[3] << 32) | (w[2] & 0xffffffffL);
            double r = Math.sqrt(-2 * Math.log(((x0 >>> 11) + 1) * 0x1p-53));
            double t = 2 * Math.PI * ((x1 >>> 11) * 0x1p-53);
            assertEquals(i % 2 == 0 ? r * Math.cos(t) : r * Math.sin(t), z64[i], 1e-15, "F64 element " + i);
        }
    }

    @Test
    void consecutiveFillsContinueTheStream() {
        float[] whole = new Rng(3).rand(DType.F32, 16).toFloatArray();
        Rng rng = new Rng(3);
        float[] first = rng.rand(DType.F32, 8).toFloatArray();
        float[] second = rng.rand(DType.F32, 2, 4).toFloatArray();
        assertArrayEquals(whole, concat(first, second));
    }

    @Test
    void splitStreamsDifferAndAreReproducible() {
        Rng root = new Rng(42);
        Rng a = root.split();
        Rng b = root.split();
        assertEquals(2, root.counter());
        float[] ra = a.rand(DType.F32, 64).toFloatArray();
        float[] rb = b.rand(DType.F32, 64).toFloatArray();
        float[] rr = root.rand(DType.F32, 64).toFloatArray();
        assertFalse(Arrays.equals(ra, rb));
        assertFalse(Arrays.equals(ra, rr));
        assertFalse(Arrays.equals(rb, rr));

        Rng again = new Rng(42);
        assertArrayEquals(ra, again.split().rand(DType.F32, 64).toFloatArray());
        List<Rng> many = new Rng(42).split(2);
        assertEquals(a.key(), many.get(0).key());
        assertEquals(b.key(), many.get(1).key());
        assertEquals(0, many.get(1).counter());

        Set<Long> keys = new HashSet<>();
        for (Rng r : new Rng(1).split(1000)) {
            keys.add(r.key());
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void foldDerivesWithoutAdvancing() {
        Rng root = new Rng(11, 5);
        Rng f1 = root.fold(1);
        Rng f2 = root.fold(2);
        assertEquals(5, root.counter());
        assertEquals(f1.key(), new Rng(11, 999).fold(1).key(), "fold depends on the key only");
        assertFalse(f1.key() == f2.key());
        assertFalse(f1.key() == root.split().key());
        assertArrayEquals(f1.rand(DType.F64, 4).toDoubleArray(), new Rng(11).fold(1).rand(DType.F64, 4).toDoubleArray());
    }

    @Test
    void scalarHelpersMatchTheFills() {
        assertEquals(new Rng(8).rand(DType.F64).item(), new Rng(8).nextDouble());
        assertEquals(new Rng(8).randn(DType.F64).item(), new Rng(8).nextGaussian());
        assertEquals((double) new Rng(8).randint(0, 1000).item(), (double) new Rng(8).nextLong(1000));
        assertEquals(new Rng(8).bits(DType.I64).toLongArray()[0], new Rng(8).nextLong());
        assertEquals(new Rng(8).rand(DType.F32).item(), new Rng(8).nextFloat());
        assertEquals(new Rng(8).bits(DType.I32, 4).toIntArray()[0], words(8, 0)[0]);
        Rng r = new Rng(8);
        r.nextDouble();
        r.nextLong(17);
        assertEquals(2, r.counter());
        int[] seen = new int[7];
        for (int i = 0; i < 7000; i++) {
            seen[r.nextInt(7)]++;
        }
        for (int c : seen) {
            assertTrue(c > 800 && c < 1200, Arrays.toString(seen));
        }
    }

    @Test
    void elementsPerBlockTable() {
        assertEquals(4, Rng.elementsPerBlock(astrograd.tensor.ops.RandomKind.UNIFORM, DType.F32));
        assertEquals(2, Rng.elementsPerBlock(astrograd.tensor.ops.RandomKind.NORMAL, DType.F64));
        assertEquals(4, Rng.elementsPerBlock(astrograd.tensor.ops.RandomKind.BITS, DType.I32));
        assertEquals(2, Rng.elementsPerBlock(astrograd.tensor.ops.RandomKind.BITS, DType.I64));
        assertThrows(DTypeException.class, () -> Rng.elementsPerBlock(astrograd.tensor.ops.RandomKind.BITS, DType.F32));
        assertThrows(DTypeException.class, () -> Rng.elementsPerBlock(astrograd.tensor.ops.RandomKind.UNIFORM, DType.I64));
        assertThrows(DTypeException.class, () -> new Rng(1).bits(DType.F64, 2));
        Rng r = new Rng(1);
        r.bits(DType.I32, 5);
        r.bits(DType.I64, 5);
        assertEquals(5, r.counter());
    }

    @Test
    void stateRestoresExactly() {
        Rng r = new Rng(21);
        r.rand(DType.F32, 13);
        Rng copy = new Rng(r.key(), r.counter());
        assertArrayEquals(r.randn(DType.F32, 7).toFloatArray(), copy.randn(DType.F32, 7).toFloatArray());
    }

    @Test
    void emptyAndScalarShapes() {
        Rng r = new Rng(1);
        assertEquals(0, r.rand(DType.F32, 0, 3).numel());
        assertEquals(0, r.counter());
        assertEquals(0, r.rand(DType.F32).rank());
        assertEquals(1, r.counter());
        assertEquals(0, r.permutation(0).numel());
        assertArrayEquals(new long[] {0}, r.permutation(1).toLongArray());
    }

    @Test
    void invalidArgumentsAreRefused() {
        Rng r = new Rng(1);
        assertThrows(DTypeException.class, () -> r.rand(DType.I32, 3));
        assertThrows(DTypeException.class, () -> r.randn(DType.BOOL, 3));
        assertThrows(ShapeException.class, () -> r.rand(DType.F32, 2, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.uniform(DType.F32, 2, 1, 3));
        assertTrue(e.getMessage().startsWith("uniform:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.normal(DType.F32, 0, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> r.randint(3, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> r.bernoulli(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> r.bernoulli(Double.NaN, 2));
        assertThrows(IllegalArgumentException.class, () -> r.permutation(-1));
        assertThrows(IllegalArgumentException.class, () -> r.nextLong(0));
        assertEquals(0, r.counter(), "refused calls consume nothing");
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
