package astrograd.tensor.cpu;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Philox4x32-10 for consecutive counter blocks, one block per vector lane: the same words as
 * {@link astrograd.tensor.Philox#block(long, long, int, int, int[])}, several blocks per instruction. Each
 * 32-bit word sits in the low half of a 64-bit lane, so the round's 32×32→64-bit products are plain lane
 * multiplications.
 */
final class PhiloxLanes {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final long MASK32 = 0xFFFFFFFFL;
    private static final long[] IOTA = new long[L.length()];

    static {
        for (int i = 0; i < IOTA.length; i++) {
            IOTA[i] = i;
        }
    }

    private PhiloxLanes() {
    }

    /** Blocks computed per call of {@link #blocks}. */
    static int lanes() {
        return L.length();
    }

    /**
     * Words of blocks {@code first .. first + lanes() - 1} (counter {@code (lo32(b), hi32(b), 0, 0)} under
     * {@code key}): word w of block {@code first + j} goes to {@code out[o + 4*j + w]}; {@code state} is scratch
     * of {@code 4 * lanes()} longs. The four words live in {@code state} between rounds rather than in vector
     * variables carried around the loop, which C2 does not always keep unboxed.
     */
    static void blocks(long key, long first, int[] out, int o, long[] state) {
        int n = L.length();
        LongVector block = LongVector.fromArray(L, IOTA, 0).add(first);
        block.and(MASK32).intoArray(state, 0);
        block.lanewise(VectorOperators.LSHR, 32).intoArray(state, n);
        LongVector.zero(L).intoArray(state, 2 * n);
        LongVector.zero(L).intoArray(state, 3 * n);
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        for (int round = 0; round < 10; round++) {
            round(state, n, k0 & MASK32, k1 & MASK32);
            k0 += W0;
            k1 += W1;
        }
        for (int j = 0; j < n; j++) {
            out[o + 4 * j] = (int) state[j];
            out[o + 4 * j + 1] = (int) state[n + j];
            out[o + 4 * j + 2] = (int) state[2 * n + j];
            out[o + 4 * j + 3] = (int) state[3 * n + j];
        }
    }

    /** One Philox round on the four words of every lane, in place. */
    private static void round(long[] state, int n, long k0, long k1) {
        LongVector c1 = LongVector.fromArray(L, state, n);
        LongVector c3 = LongVector.fromArray(L, state, 3 * n);
        LongVector p0 = LongVector.fromArray(L, state, 0).mul(M0);
        LongVector p1 = LongVector.fromArray(L, state, 2 * n).mul(M1);
        p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0)
                .intoArray(state, 0);
        p1.and(MASK32).intoArray(state, n);
        p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1)
                .intoArray(state, 2 * n);
        p0.and(MASK32).intoArray(state, 3 * n);
    }
}
