package astrograd.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16×16 block transpose of floats on 16-lane vectors, for packing a transposed GEMM operand: 16 rows are loaded,
 * and four butterfly stages (distance 8, 4, 2, 1) swap the off-diagonal blocks of each 2×2 block partition, so
 * that row r of the result is column r of the input. A stage at distance d pairs rows i and i + d (bit d of i
 * clear): lanes with bit d set in row i take row i + d's lanes shifted up by d, and lanes with bit d clear in row
 * i + d take row i's lanes shifted down by d; one in-vector permutation and one blend per row. It moves values
 * only, so a packing that uses it gives the same bits as element by element. Usable when the preferred float
 * species has exactly 16 lanes ({@link #available}); the callers keep their scalar loops for other machines.
 */
final class Transpose16F32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Side of the block, and the number of lanes this needs. */
    static final int SIZE = 16;

    private static final VectorShuffle<Float> UP8 = VectorShuffle.fromOp(S, l -> Math.floorMod(l - 8, S.length()));
    private static final VectorShuffle<Float> DOWN8 = VectorShuffle.fromOp(S, l -> (l + 8) % S.length());
    private static final VectorMask<Float> SET8 = VectorMask.fromLong(S, lanesWithBit(8));
    private static final VectorMask<Float> CLEAR8 = SET8.not();
    private static final VectorShuffle<Float> UP4 = VectorShuffle.fromOp(S, l -> Math.floorMod(l - 4, S.length()));
    private static final VectorShuffle<Float> DOWN4 = VectorShuffle.fromOp(S, l -> (l + 4) % S.length());
    private static final VectorMask<Float> SET4 = VectorMask.fromLong(S, lanesWithBit(4));
    private static final VectorMask<Float> CLEAR4 = SET4.not();
    private static final VectorShuffle<Float> UP2 = VectorShuffle.fromOp(S, l -> Math.floorMod(l - 2, S.length()));
    private static final VectorShuffle<Float> DOWN2 = VectorShuffle.fromOp(S, l -> (l + 2) % S.length());
    private static final VectorMask<Float> SET2 = VectorMask.fromLong(S, lanesWithBit(2));
    private static final VectorMask<Float> CLEAR2 = SET2.not();
    private static final VectorShuffle<Float> UP1 = VectorShuffle.fromOp(S, l -> Math.floorMod(l - 1, S.length()));
    private static final VectorShuffle<Float> DOWN1 = VectorShuffle.fromOp(S, l -> (l + 1) % S.length());
    private static final VectorMask<Float> SET1 = VectorMask.fromLong(S, lanesWithBit(1));
    private static final VectorMask<Float> CLEAR1 = SET1.not();

    private Transpose16F32() {
    }

    /** True when the machine's preferred float vectors have 16 lanes (AVX-512). */
    static boolean available() {
        return S.length() == SIZE;
    }

    /** The lanes (of 16) whose index has bit {@code d} set, as a mask's bits. */
    private static long lanesWithBit(int d) {
        long bits = 0;
        for (int l = 0; l < SIZE; l++) {
            if ((l & d) != 0) {
                bits |= 1L << l;
            }
        }
        return bits;
    }

    /**
     * {@code dst[d + r*ldd + c] = src[s + c*lds + r]} for r, c in [0, 16): the 16 values of each source row
     * become a column of the destination. Vectors stay in this one method (see {@code ConvDirect#biasOf}).
     */
    static void transpose(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        FloatVector v0 = FloatVector.fromArray(S, src, s);
        FloatVector v1 = FloatVector.fromArray(S, src, s + 1 * lds);
        FloatVector v2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector v3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector v4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector v5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector v6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector v7 = FloatVector.fromArray(S, src, s + 7 * lds);
        FloatVector v8 = FloatVector.fromArray(S, src, s + 8 * lds);
        FloatVector v9 = FloatVector.fromArray(S, src, s + 9 * lds);
        FloatVector v10 = FloatVector.fromArray(S, src, s + 10 * lds);
        FloatVector v11 = FloatVector.fromArray(S, src, s + 11 * lds);
        FloatVector v12 = FloatVector.fromArray(S, src, s + 12 * lds);
        FloatVector v13 = FloatVector.fromArray(S, src, s + 13 * lds);
        FloatVector v14 = FloatVector.fromArray(S, src, s + 14 * lds);
        FloatVector v15 = FloatVector.fromArray(S, src, s + 15 * lds);
        // distance 8
        FloatVector a0 = v0.blend(v8.rearrange(UP8), SET8);
        FloatVector a8 = v8.blend(v0.rearrange(DOWN8), CLEAR8);
        FloatVector a1 = v1.blend(v9.rearrange(UP8), SET8);
        FloatVector a9 = v9.blend(v1.rearrange(DOWN8), CLEAR8);
        FloatVector a2 = v2.blend(v10.rearrange(UP8), SET8);
        FloatVector a10 = v10.blend(v2.rearrange(DOWN8), CLEAR8);
        FloatVector a3 = v3.blend(v11.rearrange(UP8), SET8);
        FloatVector a11 = v11.blend(v3.rearrange(DOWN8), CLEAR8);
        FloatVector a4 = v4.blend(v12.rearrange(UP8), SET8);
        FloatVector a12 = v12.blend(v4.rearrange(DOWN8), CLEAR8);
        FloatVector a5 = v5.blend(v13.rearrange(UP8), SET8);
        FloatVector a13 = v13.blend(v5.rearrange(DOWN8), CLEAR8);
        FloatVector a6 = v6.blend(v14.rearrange(UP8), SET8);
        FloatVector a14 = v14.blend(v6.rearrange(DOWN8), CLEAR8);
        FloatVector a7 = v7.blend(v15.rearrange(UP8), SET8);
        FloatVector a15 = v15.blend(v7.rearrange(DOWN8), CLEAR8);
        // distance 4
        FloatVector b0 = a0.blend(a4.rearrange(UP4), SET4);
        FloatVector b4 = a4.blend(a0.rearrange(DOWN4), CLEAR4);
        FloatVector b1 = a1.blend(a5.rearrange(UP4), SET4);
        FloatVector b5 = a5.blend(a1.rearrange(DOWN4), CLEAR4);
        FloatVector b2 = a2.blend(a6.rearrange(UP4), SET4);
        FloatVector b6 = a6.blend(a2.rearrange(DOWN4), CLEAR4);
        FloatVector b3 = a3.blend(a7.rearrange(UP4), SET4);
        FloatVector b7 = a7.blend(a3.rearrange(DOWN4), CLEAR4);
        FloatVector b8 = a8.blend(a12.rearrange(UP4), SET4);
        FloatVector b12 = a12.blend(a8.rearrange(DOWN4), CLEAR4);
        FloatVector b9 = a9.blend(a13.rearrange(UP4), SET4);
        FloatVector b13 = a13.blend(a9.rearrange(DOWN4), CLEAR4);
        FloatVector b10 = a10.blend(a14.rearrange(UP4), SET4);
        FloatVector b14 = a14.blend(a10.rearrange(DOWN4), CLEAR4);
        FloatVector b11 = a11.blend(a15.rearrange(UP4), SET4);
        FloatVector b15 = a15.blend(a11.rearrange(DOWN4), CLEAR4);
        // distance 2
        FloatVector c0 = b0.blend(b2.rearrange(UP2), SET2);
        FloatVector c2 = b2.blend(b0.rearrange(DOWN2), CLEAR2);
        FloatVector c1 = b1.blend(b3.rearrange(UP2), SET2);
        FloatVector c3 = b3.blend(b1.rearrange(DOWN2), CLEAR2);
        FloatVector c4 = b4.blend(b6.rearrange(UP2), SET2);
        FloatVector c6 = b6.blend(b4.rearrange(DOWN2), CLEAR2);
        FloatVector c5 = b5.blend(b7.rearrange(UP2), SET2);
        FloatVector c7 = b7.blend(b5.rearrange(DOWN2), CLEAR2);
        FloatVector c8 = b8.blend(b10.rearrange(UP2), SET2);
        FloatVector c10 = b10.blend(b8.rearrange(DOWN2), CLEAR2);
        FloatVector c9 = b9.blend(b11.rearrange(UP2), SET2);
        FloatVector c11 = b11.blend(b9.rearrange(DOWN2), CLEAR2);
        FloatVector c12 = b12.blend(b14.rearrange(UP2), SET2);
        FloatVector c14 = b14.blend(b12.rearrange(DOWN2), CLEAR2);
        FloatVector c13 = b13.blend(b15.rearrange(UP2), SET2);
        FloatVector c15 = b15.blend(b13.rearrange(DOWN2), CLEAR2);
        // distance 1
        FloatVector d0 = c0.blend(c1.rearrange(UP1), SET1);
        FloatVector d1 = c1.blend(c0.rearrange(DOWN1), CLEAR1);
        FloatVector d2 = c2.blend(c3.rearrange(UP1), SET1);
        FloatVector d3 = c3.blend(c2.rearrange(DOWN1), CLEAR1);
        FloatVector d4 = c4.blend(c5.rearrange(UP1), SET1);
        FloatVector d5 = c5.blend(c4.rearrange(DOWN1), CLEAR1);
        FloatVector d6 = c6.blend(c7.rearrange(UP1), SET1);
        FloatVector d7 = c7.blend(c6.rearrange(DOWN1), CLEAR1);
        FloatVector d8 = c8.blend(c9.rearrange(UP1), SET1);
        FloatVector d9 = c9.blend(c8.rearrange(DOWN1), CLEAR1);
        FloatVector d10 = c10.blend(c11.rearrange(UP1), SET1);
        FloatVector d11 = c11.blend(c10.rearrange(DOWN1), CLEAR1);
        FloatVector d12 = c12.blend(c13.rearrange(UP1), SET1);
        FloatVector d13 = c13.blend(c12.rearrange(DOWN1), CLEAR1);
        FloatVector d14 = c14.blend(c15.rearrange(UP1), SET1);
        FloatVector d15 = c15.blend(c14.rearrange(DOWN1), CLEAR1);
        d0.intoArray(dst, d);
        d1.intoArray(dst, d + 1 * ldd);
        d2.intoArray(dst, d + 2 * ldd);
        d3.intoArray(dst, d + 3 * ldd);
        d4.intoArray(dst, d + 4 * ldd);
        d5.intoArray(dst, d + 5 * ldd);
        d6.intoArray(dst, d + 6 * ldd);
        d7.intoArray(dst, d + 7 * ldd);
        d8.intoArray(dst, d + 8 * ldd);
        d9.intoArray(dst, d + 9 * ldd);
        d10.intoArray(dst, d + 10 * ldd);
        d11.intoArray(dst, d + 11 * ldd);
        d12.intoArray(dst, d + 12 * ldd);
        d13.intoArray(dst, d + 13 * ldd);
        d14.intoArray(dst, d + 14 * ldd);
        d15.intoArray(dst, d + 15 * ldd);
    }
}
