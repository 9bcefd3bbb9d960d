package astrograd.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double GEMM micro-kernel: an {@code MR × NR} tile of C held in 16 vector registers. Per step p it loads
 * 2 vectors of the packed B panel ({@code bp[bi + p*NR ..]}), broadcasts each of the 8 packed A values
 * ({@code ap[ai + p*MR + r]}) and issues 16 independent FMAs. The accumulators are plain locals so that
 * C2 keeps them in registers (an array of vectors would spill every step).
 */
final class GemmKernelF64 {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Vector length in lanes. */
    static final int L = S.length();
    /** Rows of a tile. */
    static final int MR = 8;
    /** Columns of a tile: 2 vectors. */
    static final int NR = 2 * L;

    private GemmKernelF64() {
    }

    /**
     * 8×2-vector tile: {@code C[i][j] = Σ_p A[i][p]·B[p][j]} over one packed k-block, each element a
     * sequential FMA chain that starts from C (when {@code loadC}) or from zero.
     */
    static void tile(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc, boolean loadC) {
        DoubleVector c00 = loadC ? DoubleVector.fromArray(S, c, ci + 0 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c01 = loadC ? DoubleVector.fromArray(S, c, ci + 0 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c10 = loadC ? DoubleVector.fromArray(S, c, ci + 1 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c11 = loadC ? DoubleVector.fromArray(S, c, ci + 1 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c20 = loadC ? DoubleVector.fromArray(S, c, ci + 2 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c21 = loadC ? DoubleVector.fromArray(S, c, ci + 2 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c30 = loadC ? DoubleVector.fromArray(S, c, ci + 3 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c31 = loadC ? DoubleVector.fromArray(S, c, ci + 3 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c40 = loadC ? DoubleVector.fromArray(S, c, ci + 4 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c41 = loadC ? DoubleVector.fromArray(S, c, ci + 4 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c50 = loadC ? DoubleVector.fromArray(S, c, ci + 5 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c51 = loadC ? DoubleVector.fromArray(S, c, ci + 5 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c60 = loadC ? DoubleVector.fromArray(S, c, ci + 6 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c61 = loadC ? DoubleVector.fromArray(S, c, ci + 6 * ldc + 1 * L) : DoubleVector.zero(S);
        DoubleVector c70 = loadC ? DoubleVector.fromArray(S, c, ci + 7 * ldc + 0 * L) : DoubleVector.zero(S);
        DoubleVector c71 = loadC ? DoubleVector.fromArray(S, c, ci + 7 * ldc + 1 * L) : DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bk = bi + p * NR;
            int ak = ai + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bk + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bk + 1 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ak + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ak + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ak + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ak + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[ak + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[ak + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, ap[ak + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, ap[ak + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(c, ci + 0 * ldc + 0 * L);
        c01.intoArray(c, ci + 0 * ldc + 1 * L);
        c10.intoArray(c, ci + 1 * ldc + 0 * L);
        c11.intoArray(c, ci + 1 * ldc + 1 * L);
        c20.intoArray(c, ci + 2 * ldc + 0 * L);
        c21.intoArray(c, ci + 2 * ldc + 1 * L);
        c30.intoArray(c, ci + 3 * ldc + 0 * L);
        c31.intoArray(c, ci + 3 * ldc + 1 * L);
        c40.intoArray(c, ci + 4 * ldc + 0 * L);
        c41.intoArray(c, ci + 4 * ldc + 1 * L);
        c50.intoArray(c, ci + 5 * ldc + 0 * L);
        c51.intoArray(c, ci + 5 * ldc + 1 * L);
        c60.intoArray(c, ci + 6 * ldc + 0 * L);
        c61.intoArray(c, ci + 6 * ldc + 1 * L);
        c70.intoArray(c, ci + 7 * ldc + 0 * L);
        c71.intoArray(c, ci + 7 * ldc + 1 * L);
    }
}
