package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Known-answer vectors of Random123's {@code kat_vectors} for philox4x32_10 (ctr[4], key[2] -> out[4]). */
class PhiloxTest {

    private static int[] block(int[] ctr, int[] key) {
        int[] out = new int[4];
        Philox.block(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out, 0);
        return out;
    }

    @Test
    void zeroCounterAndKey() {
        int[] out = block(new int[] {0, 0, 0, 0}, new int[] {0, 0});
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
    }

    @Test
    void allOnesCounterAndKey() {
        int[] out = block(new int[] {-1, -1, -1, -1}, new int[] {-1, -1});
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
    }

    @Test
    void piDigitsVector() {
        int[] out = block(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                new int[] {0xa4093822, 0x299f31d0});
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void engineLayoutPutsLowHalvesFirst() {
        int[] viaLongs = new int[4];
        Philox.block(0x299f31d0a4093822L, 0x85a308d3243f6a88L, 0x13198a2e, 0x03707344, viaLongs);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, viaLongs);
    }

    @Test
    void conversionsAreExactAndInRange() {
        assertEquals(0f, Philox.uniform24(0xff));
        assertEquals(1f - 0x1p-24f, Philox.uniform24(-1));
        assertEquals(0.0, Philox.uniform53(0x7ffL));
        assertEquals(1.0 - 0x1p-53, Philox.uniform53(-1L));
        assertEquals(0x1p-53, Philox.uniform53Open(0L));
        assertEquals(1.0, Philox.uniform53Open(-1L));
        assertEquals(1.0, Philox.uniform32Open(-1));
        assertEquals(0x1p-32, Philox.uniform32Open(0));
        assertEquals(0xffffffffL * 0x1p-32, Philox.uniform32(-1));
        assertEquals(0x00000002_00000001L, Philox.join(1, 2));
        assertEquals(0xffffffff_80000000L, Philox.join(0x80000000, -1));
    }

    @Test
    void unsignedMultiplyHighMatchesBigInteger() {
        long[] xs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789abcdefL, 0xfedcba9876543210L};
        java.math.BigInteger mask = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        for (long x : xs) {
            for (long y : xs) {
                java.math.BigInteger p = new java.math.BigInteger(Long.toUnsignedString(x))
                        .multiply(new java.math.BigInteger(Long.toUnsignedString(y)));
                assertEquals(p.shiftRight(64).and(mask).longValue(), Philox.unsignedMultiplyHigh(x, y));
            }
        }
    }
}
