package astrograd.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double GEMM micro-kernel: an {@code MR × NR} tile of C held in 16 vector registers. Per step p it loads
 * 2 vectors of the packed B panel ({@code bp[bi + p*NR ..]}), broadcasts each of the 8 packed A values
 * ({@code ap[ai + p*MR + r]}) and issues 16 independent FMAs. The accumulators are plain locals so that
 * C2 keeps them in registers (an array of vectors would spill every step). The k loop is unrolled by two by
 * hand over a unit-stride counter, which keeps C2's range-check elimination working and halves the loop's
 * scalar overhead. Not by four: the method then grew past what C2 would compile with every Vector API call
 * intrinsified, and in most JVM runs the stores at its end fell back to scalar emulation (a stella training
 * step at 25 ms instead of 10 ms, run to run); unrolled by two it compiled well in every run and SGEMM 1024³
 * kept its speed (14.5 ms on one core either way).
 * See {@code GemmF64} for the blocking around it.
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
     * {@code calls} tile calls on a 4-step k-block, for {@link GemmTraining} (see {@link GemmKernelF32#trainBatch}).
     * Not on the F32 tile's deep blocks: with 60 steps this tile, which has its odd step in a second loop, came out
     * of C2 with its stores on the Vector API's scalar fallback in 3 of 4 JVMs of the conv2d benchmark (the
     * training then ran to its time limit); with 4 steps, in none of 4.
     */
    static void trainBatch(int calls) {
        double[] a = new double[4 * MR];
        double[] b = new double[4 * NR];
        double[] c = new double[MR * NR];
        for (int i = 0; i < calls; i++) {
            tile(4, a, 0, b, 0, c, 0, NR);
        }
    }

    /**
     * One 8×2-vector tile over a packed k-block: {@code C[i][j] = fma(A[i][p], B[p][j], C[i][j])} for
     * p = 0..kc-1 in order, starting from C (callers zero C first to start from zero: a
     * conditional start would merge two vector boxes, which C2 cannot always keep in registers).
     */
    static void tile(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(S, c, ci);
        DoubleVector c01 = DoubleVector.fromArray(S, c, ci + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, ci + ldc);
        DoubleVector c11 = DoubleVector.fromArray(S, c, ci + ldc + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
        DoubleVector c40 = DoubleVector.fromArray(S, c, ci + 4 * ldc);
        DoubleVector c41 = DoubleVector.fromArray(S, c, ci + 4 * ldc + L);
        DoubleVector c50 = DoubleVector.fromArray(S, c, ci + 5 * ldc);
        DoubleVector c51 = DoubleVector.fromArray(S, c, ci + 5 * ldc + L);
        DoubleVector c60 = DoubleVector.fromArray(S, c, ci + 6 * ldc);
        DoubleVector c61 = DoubleVector.fromArray(S, c, ci + 6 * ldc + L);
        DoubleVector c70 = DoubleVector.fromArray(S, c, ci + 7 * ldc);
        DoubleVector c71 = DoubleVector.fromArray(S, c, ci + 7 * ldc + L);
        int steps = kc / 2;
        for (int q = 0; q < steps; q++) {
            int bk = bi + q * (2 * NR);
            int ak = ai + q * (2 * MR);
            {
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bk);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bk + L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ak]);
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
            {
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bk + NR);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bk + NR + L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ak + MR]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ak + MR + 1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ak + MR + 2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ak + MR + 3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ak + MR + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ak + MR + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                DoubleVector a6 = DoubleVector.broadcast(S, ap[ak + MR + 6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                DoubleVector a7 = DoubleVector.broadcast(S, ap[ak + MR + 7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        }
        for (int p = steps * 2; p < kc; p++) {
            int bk = bi + p * NR;
            int ak = ai + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bk);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bk + L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ak]);
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
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc);
        c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc);
        c71.intoArray(c, ci + 7 * ldc + L);
    }
}
