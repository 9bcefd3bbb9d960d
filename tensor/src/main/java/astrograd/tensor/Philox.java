package astrograd.tensor;

/**
 * The Philox4x32-10 counter-based block function (Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC11, 2011), and the word-to-value conversions {@link Rng} documents.
 * Stateless: a 128-bit counter {@code (c0, c1, c2, c3)} and a 64-bit key {@code (k0, k1)} map to four
 * 32-bit words; equal inputs give equal words on every machine and backend.
 *
 * <p>One round, with {@code mulhi/mullo} the high and low halves of the 64-bit product of two unsigned
 * 32-bit words, {@code M0 = 0xD2511F53}, {@code M1 = 0xCD9E8D57}:
 * <pre>
 *   (c0, c1, c2, c3) &lt;- (mulhi(M1, c2) ^ c1 ^ k0,  mullo(M1, c2),  mulhi(M0, c0) ^ c3 ^ k1,  mullo(M0, c0))
 * </pre>
 * Ten rounds; between rounds the key is bumped by the Weyl increments
 * {@code k0 += 0x9E3779B9, k1 += 0xBB67AE85} (mod 2^32).
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final long MASK32 = 0xFFFFFFFFL;
    private static final double TWO_POW_M24 = 0x1.0p-24;
    private static final double TWO_POW_M32 = 0x1.0p-32;
    private static final double TWO_POW_M53 = 0x1.0p-53;
    private static final double TWO_PI = 2 * Math.PI;

    private Philox() {
    }

    /**
     * Philox4x32-10 of counter {@code (c0, c1, c2, c3)} under key {@code (k0, k1)}: writes the four output
     * words to {@code out[offset .. offset + 3]} ({@code out} modified).
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int offset) {
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * (c0 & MASK32);
            long p1 = M1 * (c2 & MASK32);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c0 = n0;
            c1 = (int) p1;
            c2 = n2;
            c3 = (int) p0;
        }
        out[offset] = c0;
        out[offset + 1] = c1;
        out[offset + 2] = c2;
        out[offset + 3] = c3;
    }

    /**
     * The block of the engine's layout: counter {@code (lo32(block), hi32(block), word2, word3)} under key
     * {@code (lo32(key), hi32(key))}; {@code out[0..3]} modified.
     */
    public static void block(long key, long block, int word2, int word3, int[] out) {
        block((int) block, (int) (block >>> 32), word2, word3, (int) key, (int) (key >>> 32), out, 0);
    }

    /** Two words joined into 64 bits, {@code lo} as the low half: {@code (hi << 32) | lo} (unsigned). */
    public static long join(int lo, int hi) {
        return ((long) hi << 32) | (lo & MASK32);
    }

    /** A uniform float in [0, 1) from one word: {@code (w >>> 8) * 2^-24} (exact). */
    public static float uniform24(int word) {
        return (float) ((word >>> 8) * TWO_POW_M24);
    }

    /** A uniform double in [0, 1) from 64 bits: {@code (x >>> 11) * 2^-53} (exact). */
    public static double uniform53(long bits) {
        return (bits >>> 11) * TWO_POW_M53;
    }

    /** A uniform double in (0, 1] from 64 bits: {@code ((x >>> 11) + 1) * 2^-53} (exact). */
    public static double uniform53Open(long bits) {
        return ((bits >>> 11) + 1) * TWO_POW_M53;
    }

    /** A uniform double in [0, 1) from one word: {@code w * 2^-32} with w unsigned (exact). */
    public static double uniform32(int word) {
        return (word & MASK32) * TWO_POW_M32;
    }

    /** A uniform double in (0, 1] from one word: {@code (w + 1) * 2^-32} with w unsigned (exact). */
    public static double uniform32Open(int word) {
        return ((word & MASK32) + 1) * TWO_POW_M32;
    }

    /** Box–Muller radius {@code sqrt(-2 ln u1)} for {@code u1} in (0, 1]. */
    public static double boxMullerRadius(double u1) {
        return Math.sqrt(-2 * Math.log(u1));
    }

    /** Box–Muller angle {@code 2 pi u2}. */
    public static double boxMullerAngle(double u2) {
        return TWO_PI * u2;
    }

    /** {@code hi64(x * y)} of two unsigned 64-bit values. */
    public static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }
}
