package astrograd.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float GEMM micro-kernel: an {@code MR × NR} tile of C held in 16 vector registers. Per step p it loads
 * 2 vectors of the packed B panel ({@code bp[bi + p*NR ..]}), broadcasts each of the 8 packed A values
 * ({@code ap[ai + p*MR + r]}) and issues 16 independent FMAs. The accumulators are plain locals so that
 * C2 keeps them in registers (an array of vectors would spill every step). The k loop is unrolled by two by
 * hand over a unit-stride counter, which keeps C2's range-check elimination working and halves the loop's
 * scalar overhead. Not by four: the method then grew past what C2 would compile with every Vector API call
 * intrinsified, and in most JVM runs the stores at its end fell back to scalar emulation (a stella training
 * step at 25 ms instead of 10 ms, run to run); unrolled by two it compiled well in every run and SGEMM 1024³
 * kept its speed (14.5 ms on one core either way).
 * See {@code GemmF32} for the blocking around it.
 */
final class GemmKernelF32 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Vector length in lanes. */
    static final int L = S.length();
    /** Rows of a tile. */
    static final int MR = 8;
    /** Columns of a tile: 2 vectors. */
    static final int NR = 2 * L;

    private GemmKernelF32() {
    }

    /**
     * {@code calls} tile calls on k-blocks of {@link GemmTraining#DEPTH} to {@code DEPTH + 3} steps (odd and even),
     * for {@link GemmTraining}. C2 compiles the tile when its invocation count makes it hot, after every bytecode
     * has been profiled (if the stores after the loop have no type profile by then, the Vector API intrinsics
     * fail and the whole kernel falls back to scalar emulation: a 3x slower GRU step, run to run at random).
     * The blocks are long enough for the loop to look hot: trained on 2 or 3 iterations per call, C2's register
     * allocator judged spills inside the loop cheap and in about half of the JVMs kept the loop's offsets on
     * the stack and the B array in a vector register, moved back and forth every iteration (on one core,
     * 167 GFLOP/s in L1 instead of 206; 8 JVMs of 8 fast with these blocks, 3 of 8 before).
     */
    static void trainBatch(int calls) {
        int depth = GemmTraining.DEPTH;
        float[] a = new float[(depth + 4) * MR];
        float[] b = new float[(depth + 4) * NR];
        float[] c = new float[MR * NR];
        for (int i = 0; i < calls; i++) {
            tile(depth + i % 4, a, 0, b, 0, c, 0, NR);
        }
    }

    /**
     * One 8×2-vector tile over a packed k-block: {@code C[i][j] = fma(A[i][p], B[p][j], C[i][j])} for
     * p = 0..kc-1 in order, starting from C (callers zero C first to start from zero: a
     * conditional start would merge two vector boxes, which C2 cannot always keep in registers).
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        pairs(kc / 2, ap, ai, bp, bi, c, ci, ldc);
        if ((kc & 1) != 0) {
            int p = kc - 1;
            single(ap, ai + p * MR, bp, bi + p * NR, c, ci, ldc);
        }
    }

    /**
     * Steps {@code 0 .. 2·pairs − 1}, two per iteration. One loop and no tail: with the odd step in a second
     * loop after this one, the accumulators reaching the stores merged values from two loops, and C2 compiled
     * the stores as calls to the Vector API's scalar fallback in some JVMs (a stella training step at 35 ms
     * instead of 7, the CLI's training 3x slower).
     */
    private static void pairs(int pairs, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, ci);
        FloatVector c01 = FloatVector.fromArray(S, c, ci + L);
        FloatVector c10 = FloatVector.fromArray(S, c, ci + ldc);
        FloatVector c11 = FloatVector.fromArray(S, c, ci + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, ci + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, ci + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + L);
        FloatVector c40 = FloatVector.fromArray(S, c, ci + 4 * ldc);
        FloatVector c41 = FloatVector.fromArray(S, c, ci + 4 * ldc + L);
        FloatVector c50 = FloatVector.fromArray(S, c, ci + 5 * ldc);
        FloatVector c51 = FloatVector.fromArray(S, c, ci + 5 * ldc + L);
        FloatVector c60 = FloatVector.fromArray(S, c, ci + 6 * ldc);
        FloatVector c61 = FloatVector.fromArray(S, c, ci + 6 * ldc + L);
        FloatVector c70 = FloatVector.fromArray(S, c, ci + 7 * ldc);
        FloatVector c71 = FloatVector.fromArray(S, c, ci + 7 * ldc + L);
        for (int q = 0; q < pairs; q++) {
            int bk = bi + q * (2 * NR);
            int ak = ai + q * (2 * MR);
            {
                FloatVector b0 = FloatVector.fromArray(S, bp, bk);
                FloatVector b1 = FloatVector.fromArray(S, bp, bk + L);
                FloatVector a0 = FloatVector.broadcast(S, ap[ak]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[ak + 1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[ak + 2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[ak + 3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[ak + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[ak + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[ak + 6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[ak + 7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, bp, bk + NR);
                FloatVector b1 = FloatVector.fromArray(S, bp, bk + NR + L);
                FloatVector a0 = FloatVector.broadcast(S, ap[ak + MR]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[ak + MR + 1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[ak + MR + 2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[ak + MR + 3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[ak + MR + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[ak + MR + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[ak + MR + 6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[ak + MR + 7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
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

    /** One step ({@code A} and {@code B} offsets at that step), straight-line: loads C, 16 FMAs, stores C. */
    private static void single(float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, ci);
        FloatVector c01 = FloatVector.fromArray(S, c, ci + L);
        FloatVector c10 = FloatVector.fromArray(S, c, ci + ldc);
        FloatVector c11 = FloatVector.fromArray(S, c, ci + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, ci + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, ci + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + L);
        FloatVector c40 = FloatVector.fromArray(S, c, ci + 4 * ldc);
        FloatVector c41 = FloatVector.fromArray(S, c, ci + 4 * ldc + L);
        FloatVector c50 = FloatVector.fromArray(S, c, ci + 5 * ldc);
        FloatVector c51 = FloatVector.fromArray(S, c, ci + 5 * ldc + L);
        FloatVector c60 = FloatVector.fromArray(S, c, ci + 6 * ldc);
        FloatVector c61 = FloatVector.fromArray(S, c, ci + 6 * ldc + L);
        FloatVector c70 = FloatVector.fromArray(S, c, ci + 7 * ldc);
        FloatVector c71 = FloatVector.fromArray(S, c, ci + 7 * ldc + L);
        FloatVector b0 = FloatVector.fromArray(S, bp, bi);
        FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
        FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
        c00 = a0.fma(b0, c00);
        c01 = a0.fma(b1, c01);
        FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
        c10 = a1.fma(b0, c10);
        c11 = a1.fma(b1, c11);
        FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
        c20 = a2.fma(b0, c20);
        c21 = a2.fma(b1, c21);
        FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
        c30 = a3.fma(b0, c30);
        c31 = a3.fma(b1, c31);
        FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
        c40 = a4.fma(b0, c40);
        c41 = a4.fma(b1, c41);
        FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
        c50 = a5.fma(b0, c50);
        c51 = a5.fma(b1, c51);
        FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
        c60 = a6.fma(b0, c60);
        c61 = a6.fma(b1, c61);
        FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
        c70 = a7.fma(b0, c70);
        c71 = a7.fma(b1, c71);
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
