package astrograd.tensor.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM {@code C = A·B + (accumulate ? C : 0)} behind {@link Gemm#sgemm}. Arguments are
 * validated there; this class only computes.
 *
 * <p>Large products follow the Goto/BLIS scheme: B is packed in k-blocks of {@link #KC} rows into panels
 * {@code NR} columns wide, A in blocks of {@link #MC} rows into panels {@code MR} rows tall, and a
 * register-tiled FMA micro-kernel ({@link GemmKernelF32}) multiplies one A panel by one B panel. The
 * packed B panel stays in L1 while the packed A block streams from L2. A thread accumulates its block of C
 * (up to {@link #C_BLOCK_ELEMENTS}) over the k-blocks in a tile-major buffer of its own and writes it to C
 * row by row at the end: C itself, usually a freshly reused and cold array, is touched once, sequentially,
 * instead of once per k-block in 8-row tiles whose rows lie pages apart (a cold C cost 8–19 % of a
 * 512×1024×1024 product, 2–5 % now); a product of a single k-block works on C in place. Small products, or
 * products with few rows, skip packing and run vector kernels on the operands in place when B has unit
 * column stride.
 *
 * <p>Every element of C is one sequential chain of fused multiply-adds over p = 0..k-1, starting from C
 * (accumulate) or from zero, whatever the path, the blocking or the thread split: results are bit-identical
 * for every thread count. When the packed B block is small the engine threads share it and claim chunks
 * of rows; otherwise each thread takes its own rows (or, for short wide products and wide transposed Bs,
 * columns) and packs its own B, which then stays in its core's L2.
 */
final class GemmF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = GemmKernelF32.MR;
    private static final int NR = GemmKernelF32.NR;
    /** Depth of a packed k-block: one B panel ({@code KC × NR}) fills about 2/3 of L1. */
    static final int KC = 256;
    /** Rows of a packed A block ({@code MC × KC}), kept in L2. */
    static final int MC = MR * 48;
    /** Columns of a packed B block ({@code KC × NC}). */
    static final int NC = NR * 128;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 22;
    /** At most this many multiply-adds (or rows) are computed in place without packing. */
    private static final long DIRECT_WORK = 1L << 18;
    private static final int DIRECT_ROWS = 16;
    /** Smallest chunk of rows handed to one thread in a parallel product. */
    private static final int MIN_CHUNK_ROWS = MR * 4;
    /** Largest packed B block shared between threads; bigger ones are packed per thread into its own L2. */
    private static final long SHARED_B_BYTES = 512 * 1024;
    /** Elements of the tile-major block of C a thread accumulates in before writing it to C. */
    private static final int C_BLOCK_ELEMENTS = 1 << 19;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing buffers, grown on demand and reused. */
    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        float[] c = new float[0];
        final float[] tile = new float[MR * NR];

        float[] c(int size) {
            if (c.length < size) {
                c = new float[size];
            }
            return c;
        }

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    private GemmF32() {
    }

    /**
     * Runs every path (in-place kernels and their tails; packing from row-major, column-major and strided
     * operands; full and edge tiles; k-blocks with and without a tail) on small products before any real
     * work, so that C2 compiles these methods with a type profile at every Vector API call and with every call
     * site past the count below which it does not inline (250): a Vector API call that is not inlined is left
     * to scalar emulation (see {@link GemmKernelF32#trainBatch}). Without it a stella training step ran at
     * 35 ms instead of 7 in 2 of 6 JVMs; with it, in none of 10. About 0.13 s, once ({@link GemmTraining}).
     */
    static void trainProfiles() {
        int m = MR + 3;
        int n = NR + L + 5;
        int k = 9;
        float[] a = new float[2 * m * k];
        float[] b = new float[2 * k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < 400; i++) {
            direct(m, n, k, a, 0, k, 1, b, 0, n, c, 0, n, (i & 1) == 0);
            packed(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, (i & 1) == 0);
            packed(m, n, k, a, 0, 1, m, b, 0, 1, k, c, 0, n, false);
            packed(m, n, k, a, 0, 2 * k, 2, b, 0, 2 * n, 2, c, 0, n, true);
        }
    }

    /** True when the product is big enough to split over the engine pool. */
    static boolean worthParallel(int m, int n, int k) {
        return (long) m * n * k >= PARALLEL_WORK;
    }

    /**
     * The product; with {@code parallel} it may split rows or columns of C over the engine pool (each part
     * runs the serial algorithm, so the split does not change any result).
     */
    static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs,
                     float[] b, int bOff, int brs, int bcs,
                     float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        GemmTraining.ensure();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
                }
            }
            return;
        }
        int threads = EnginePool.partsFor(EnginePool.threads(), 1);
        long sharedBBytes = (long) Math.min(k, KC) * roundUp(Math.min(n, NC), NR) * Float.BYTES;
        if (!parallel || !worthParallel(m, n, k) || threads == 1) {
            serial(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
        } else if (m >= 2 * threads * MIN_CHUNK_ROWS && sharedBBytes <= SHARED_B_BYTES && !skinny(n, acs)) {
            parallelRows(threads, m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
        } else if ((m + MR - 1) / MR >= (n + NR - 1) / NR && !transposedBWorthSplitting(n, brs, bcs, threads)) {
            // each thread its own rows and its own packed B, which stays in that core's L2
            int rows = roundUp((m + threads - 1) / threads, MR);
            GemmParallel.forEachChunk((m + rows - 1) / rows, chunk -> serial(Math.min(rows, m - chunk * rows), n, k,
                    a, aOff + chunk * rows * ars, ars, acs, b, bOff, brs, bcs, c, cOff + chunk * rows * ldc, ldc,
                    accumulate));
        } else {
            int cols = roundUp((n + threads - 1) / threads, NR);
            GemmParallel.forEachChunk((n + cols - 1) / cols, chunk -> serial(m, Math.min(cols, n - chunk * cols), k,
                    a, aOff, ars, acs, b, bOff + chunk * cols * bcs, brs, bcs, c, cOff + chunk * cols, ldc,
                    accumulate));
        }
    }

    /**
     * True when B is a transposed view (k contiguous) wide enough to give every thread at least 8 panels: packing
     * it is a transpose, element by element, the dearest packing there is, so the threads split the columns and
     * each transposes only its share of B (and packs all of A) instead of each transposing all of B. For the
     * plan-net forward products (512×1024×1024, {@code x·Wᵀ}) that is 0.1–0.2 ms of 3.5 ms saved at two threads.
     */
    private static boolean transposedBWorthSplitting(int n, int brs, int bcs, int threads) {
        return brs == 1 && bcs != 1 && n >= threads * NR * 8;
    }

    /**
     * Rows of C claimed in chunks by whichever engine thread is free, against one shared packed B block per
     * (column block, k-block). Which thread computes a chunk does not change its bits, so the dynamic
     * claiming stays deterministic; it absorbs the late start of a waking worker.
     */
    private static void parallelRows(int threads, int m, int n, int k, float[] a, int aOff, int ars, int acs,
                                     float[] b, int bOff, int brs, int bcs,
                                     float[] c, int cOff, int ldc, boolean accumulate) {
        int chunkRows = Math.min(MC, Math.max(MIN_CHUNK_ROWS, roundUp((m + 4 * threads - 1) / (4 * threads), MR)));
        int chunks = (m + chunkRows - 1) / chunkRows;
        Buffers callerBuffers = BUFFERS.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean loadC = accumulate || pc > 0;
                float[] bp = callerBuffers.b(roundUp(nc, NR) * kc);
                packBParallel(threads, kc, nc, b, bOff + pc * brs + jc * bcs, brs, bcs, bp);
                int aBlock = aOff + pc * acs;
                int cBlock = cOff + jc;
                GemmParallel.forEachChunk(chunks, chunk -> {
                    Buffers buf = BUFFERS.get();
                    int i0 = chunk * chunkRows;
                    int mc = Math.min(chunkRows, m - i0);
                    float[] ap = buf.a(roundUp(mc, MR) * kc);
                    packA(mc, kc, a, aBlock + i0 * ars, ars, acs, ap);
                    macroKernel(mc, nc, kc, ap, bp, c, cBlock + i0 * ldc, ldc, loadC, buf.tile);
                });
            }
        }
    }

    private static void serial(int m, int n, int k, float[] a, int aOff, int ars, int acs,
                               float[] b, int bOff, int brs, int bcs,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        boolean direct = bcs == 1 && (m <= DIRECT_ROWS || (long) m * n * k <= DIRECT_WORK);
        if (direct && n < L && m >= 2 * L && ars == 1) {
            narrowTransposed(m, n, k, a, aOff, acs, b, bOff, brs, c, cOff, ldc, accumulate);
        } else if (direct) {
            direct(m, n, k, a, aOff, ars, acs, b, bOff, brs, c, cOff, ldc, accumulate);
        } else if (skinny(n, acs)) {
            skinny(m, k, a, aOff, ars, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
        } else {
            packed(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
        }
    }

    private static boolean skinny(int n, int acs) {
        return n == NR && acs == 1;
    }

    /**
     * One panel of columns ({@code n = NR}) and a row-major A, as in a linear layer with few outputs over a large
     * batch: every A value is used only NR times, so packing A would cost as much as the product. B is packed
     * once into a {@code k × NR} row-major panel (unless it is one already) and the direct kernel reads A in
     * place (measured: 1024×32×3200 with a transposed B 2.1 ms against 3.3 ms packed, one thread). In parallel
     * the rows are split into private chunks, each running this.
     */
    private static void skinny(int m, int k, float[] a, int aOff, int ars, float[] b, int bOff, int brs, int bcs,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        if (bcs == 1) {
            direct(m, NR, k, a, aOff, ars, 1, b, bOff, brs, c, cOff, ldc, accumulate);
            return;
        }
        float[] bp = BUFFERS.get().b(k * NR);
        packB(k, NR, b, bOff, brs, bcs, bp, 0);
        direct(m, NR, k, a, aOff, ars, 1, bp, 0, NR, c, cOff, ldc, accumulate);
    }

    /**
     * A product narrower than one vector ({@code n < L}) whose A is column-contiguous (a transposed view, as in
     * a weight gradient {@code gᵀ x} of a layer with few inputs): the direct path would run every column as
     * scalar code, so this computes {@code Cᵀ = Bᵀ Aᵀ} ({@code n × m}, vectors along m, Aᵀ read in place) in a
     * scratch block and copies it back transposed. Each element is the same chain of fused multiply-adds in the
     * same order (the product in an fma is exact, so swapping its factors changes nothing).
     */
    private static void narrowTransposed(int m, int n, int k, float[] a, int aOff, int acs, float[] b, int bOff,
                                         int brs, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] t = BUFFERS.get().b(n * m);
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    t[j * m + i] = c[cOff + i * ldc + j];
                }
            }
        }
        direct(n, m, k, b, bOff, 1, brs, a, aOff, acs, t, 0, m, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = t[j * m + i];
            }
        }
    }

    // ------------------------------------------------------------------ packed path

    private static void packed(int m, int n, int k, float[] a, int aOff, int ars, int acs,
                               float[] b, int bOff, int brs, int bcs,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        if (k <= KC) {
            packedOneBlock(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
        } else {
            packedTiledC(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate);
        }
    }

    /** A single k-block: each tile of C is loaded (or zeroed) and stored once, so the tiles work on C in place. */
    private static void packedOneBlock(int m, int n, int k, float[] a, int aOff, int ars, int acs,
                                       float[] b, int bOff, int brs, int bcs,
                                       float[] c, int cOff, int ldc, boolean accumulate) {
        Buffers buf = BUFFERS.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            float[] bp = buf.b(roundUp(nc, NR) * k);
            packB(k, nc, b, bOff + jc * bcs, brs, bcs, bp, 0);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                float[] ap = buf.a(roundUp(mc, MR) * k);
                packA(mc, k, a, aOff + ic * ars, ars, acs, ap);
                macroKernel(mc, nc, k, ap, bp, c, cOff + ic * ldc + jc, ldc, accumulate, buf.tile);
            }
        }
    }

    /**
     * Several k-blocks: the thread's block of C is accumulated in its tile-major buffer (see the class comment),
     * in chunks of rows of at most {@link #C_BLOCK_ELEMENTS} elements.
     */
    private static void packedTiledC(int m, int n, int k, float[] a, int aOff, int ars, int acs,
                                     float[] b, int bOff, int brs, int bcs,
                                     float[] c, int cOff, int ldc, boolean accumulate) {
        Buffers buf = BUFFERS.get();
        int chunkRows = Math.max(MR, C_BLOCK_ELEMENTS / roundUp(Math.min(n, NC), NR) / MR * MR);
        for (int i0 = 0; i0 < m; i0 += chunkRows) {
            int rows = Math.min(chunkRows, m - i0);
            int rowTiles = (rows + MR - 1) / MR;
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                float[] cb = buf.c(rowTiles * MR * roundUp(nc, NR));
                int cBlock = cOff + i0 * ldc + jc;
                Arrays.fill(cb, 0, rowTiles * MR * roundUp(nc, NR), 0f); // the padding of partial tiles stays 0
                if (accumulate) {
                    tiledBlock(c, cBlock, ldc, rows, nc, cb, rowTiles, true);
                }
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    float[] bp = buf.b(roundUp(nc, NR) * kc);
                    packB(kc, nc, b, bOff + pc * brs + jc * bcs, brs, bcs, bp, 0);
                    for (int ic = 0; ic < rows; ic += MC) {
                        int mc = Math.min(MC, rows - ic);
                        float[] ap = buf.a(roundUp(mc, MR) * kc);
                        packA(mc, kc, a, aOff + (i0 + ic) * ars + pc * acs, ars, acs, ap);
                        tiledMacroKernel(mc, nc, kc, ap, bp, cb, ic / MR, rowTiles);
                    }
                }
                tiledBlock(c, cBlock, ldc, rows, nc, cb, rowTiles, false);
            }
        }
    }

    /**
     * All tiles of one packed A block times one packed B block into a tile-major block of C
     * ({@code cb[(tj * rowTiles + ti) * MR * NR + r * NR + j]}): each tile's 8 rows are one contiguous kilobyte
     * and consecutive tiles are adjacent, so the accumulation between k-blocks stays in a few pages of this
     * thread's cache instead of touching 8 rows, 8 pages apart, of a C that may be cold.
     */
    private static void tiledMacroKernel(int mc, int nc, int kc, float[] ap, float[] bp, float[] cb, int firstTile,
                                         int rowTiles) {
        for (int jr = 0; jr < nc; jr += NR) {
            int bi = jr * kc;
            int column = (jr / NR) * rowTiles;
            for (int ir = 0; ir < mc; ir += MR) {
                GemmKernelF32.tile(kc, ap, ir * kc, bp, bi, cb, (column + firstTile + ir / MR) * MR * NR, NR);
            }
        }
    }

    /** Copies a {@code rows × cols} block of C into the tile-major block {@code cb} ({@code toTiles}) or back. */
    private static void tiledBlock(float[] c, int cOff, int ldc, int rows, int cols, float[] cb, int rowTiles,
                                   boolean toTiles) {
        for (int i = 0; i < rows; i++) {
            int tileRow = (i / MR) * MR * NR + (i % MR) * NR;
            for (int j = 0; j < cols; j += NR) {
                int t = (j / NR) * rowTiles * MR * NR + tileRow;
                int width = Math.min(NR, cols - j);
                if (toTiles) {
                    System.arraycopy(c, cOff + i * ldc + j, cb, t, width);
                } else {
                    System.arraycopy(cb, t, c, cOff + i * ldc + j, width);
                }
            }
        }
    }

    /** All tiles of one packed A block times one packed B block; B panel outer so it stays in L1. */
    private static void macroKernel(int mc, int nc, int kc, float[] ap, float[] bp,
                                    float[] c, int cOff, int ldc, boolean loadC, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int bi = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int ai = ir * kc;
                int ci = cOff + ir * ldc + jr;
                if (rows == MR && cols == NR) {
                    if (!loadC) {
                        for (int r = 0; r < MR; r++) {
                            Arrays.fill(c, ci + r * ldc, ci + r * ldc + NR, 0f);
                        }
                    }
                    GemmKernelF32.tile(kc, ap, ai, bp, bi, c, ci, ldc);
                } else {
                    edgeTile(kc, ap, ai, bp, bi, c, ci, ldc, loadC, rows, cols, tile);
                }
            }
        }
    }

    /** A partial tile: computed in a full-size scratch tile (padding is zero), then copied back. */
    private static void edgeTile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                                 boolean loadC, int rows, int cols, float[] tile) {
        Arrays.fill(tile, 0);
        if (loadC) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, ci + r * ldc, tile, r * NR, cols);
            }
        }
        GemmKernelF32.tile(kc, ap, ai, bp, bi, tile, 0, NR);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * NR, c, ci + r * ldc, cols);
        }
    }

    /** {@link #packB} with the panels shared out over the engine threads (each panel is packed the same anywhere). */
    private static void packBParallel(int threads, int kc, int nc, float[] b, int off, int brs, int bcs, float[] bp) {
        int panels = (nc + NR - 1) / NR;
        int perChunk = (panels + threads - 1) / threads;
        GemmParallel.forEachChunk((panels + perChunk - 1) / perChunk, chunk -> {
            int first = chunk * perChunk * NR;
            int cols = Math.min(nc, first + perChunk * NR) - first;
            packB(kc, cols, b, off + first * bcs, brs, bcs, bp, first * kc);
        });
    }

    /** {@code bp[panel][p][j] = B[p][panel*NR + j]} for a {@code kc × nc} block, zero-padded to NR columns. */
    private static void packB(int kc, int nc, float[] b, int off, int brs, int bcs, float[] bp, int bpOff) {
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int cols = Math.min(NR, nc - j0);
            int dst = bpOff + j0 * kc;
            if (bcs == 1 && cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = off + p * brs + j0;
                    for (int v = 0; v < NR; v += L) {
                        FloatVector.fromArray(S, b, src + v).intoArray(bp, dst + p * NR + v);
                    }
                }
                continue;
            }
            if (bcs == 0 && cols == NR) { // a broadcast operand (the upstream of a sum): each row is one value
                for (int p = 0; p < kc; p++) {
                    FloatVector row = FloatVector.broadcast(S, b[off + p * brs]);
                    for (int v = 0; v < NR; v += L) {
                        row.intoArray(bp, dst + p * NR + v);
                    }
                }
                continue;
            }
            if (cols < NR) {
                Arrays.fill(bp, dst, dst + kc * NR, 0);
            }
            if (brs == 1) {
                // a transposed view: per block of 16 steps, each column's 16 contiguous values (one cache line,
                // read once) go to a 16-row slice of the panel that stays in L1
                int src = off + j0 * bcs;
                int p0 = 0;
                if (cols == NR && Transpose16F32.available()) { // 16x16 blocks transposed in registers
                    for (; p0 + Transpose16F32.SIZE <= kc; p0 += Transpose16F32.SIZE) {
                        for (int j = 0; j < NR; j += Transpose16F32.SIZE) {
                            Transpose16F32.transpose(b, src + j * bcs + p0, bcs, bp, dst + p0 * NR + j, NR);
                        }
                    }
                }
                for (; p0 < kc; p0 += 16) {
                    int p1 = Math.min(kc, p0 + 16);
                    for (int j = 0; j < cols; j++) {
                        int s = src + j * bcs;
                        for (int p = p0; p < p1; p++) {
                            bp[dst + p * NR + j] = b[s + p];
                        }
                    }
                }
                continue;
            }
            for (int j = 0; j < cols; j++) {
                int src = off + (j0 + j) * bcs;
                for (int p = 0; p < kc; p++) {
                    bp[dst + p * NR + j] = b[src + p * brs];
                }
            }
        }
    }

    /** {@code ap[panel][p][r] = A[panel*MR + r][p]} for an {@code mc × kc} block, zero-padded to MR rows. */
    private static void packA(int mc, int kc, float[] a, int off, int ars, int acs, float[] ap) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0);
            int dst = i0 * kc;
            if (ars == 1 && rows == MR) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, off + p * acs + i0, ap, dst + p * MR, MR);
                }
                continue;
            }
            if (acs == 1 && rows == MR) {
                packRowMajorPanel(kc, a, off + i0 * ars, ars, ap, dst);
                continue;
            }
            if (rows < MR) {
                Arrays.fill(ap, dst, dst + kc * MR, 0);
            }
            for (int r = 0; r < rows; r++) {
                int src = off + (i0 + r) * ars;
                for (int p = 0; p < kc; p++) {
                    ap[dst + p * MR + r] = a[src + p * acs];
                }
            }
        }
    }

    /** One full A panel from row-major A: eight row streams read in step, written contiguously. */
    private static void packRowMajorPanel(int kc, float[] a, int src, int lda, float[] ap, int dst) {
        for (int p = 0; p < kc; p++) {
            int s = src + p;
            int d = dst + p * MR;
            for (int r = 0; r < MR; r++) {
                ap[d + r] = a[s + r * lda];
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    // ------------------------------------------------------------------ direct path (B rows contiguous)

    /** Products too small for packing to pay: vectors along rows of B, read in place. */
    private static void direct(int m, int n, int k, float[] a, int aOff, int ars, int acs,
                               float[] b, int bOff, int brs, float[] c, int cOff, int ldc, boolean acc) {
        int n2 = n - n % (2 * L);
        int n1 = n - n % L;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int ar = aOff + i * ars;
            int cr = cOff + i * ldc;
            for (int j = 0; j < n2; j += 2 * L) {
                direct4x2(k, a, ar, ars, acs, b, bOff + j, brs, c, cr + j, ldc, acc);
            }
            if (n2 < n1) {
                direct4x1(k, a, ar, ars, acs, b, bOff + n2, brs, c, cr + n2, ldc, acc);
            }
        }
        for (; i < m; i++) {
            int ar = aOff + i * ars;
            int cr = cOff + i * ldc;
            for (int j = 0; j < n2; j += 2 * L) {
                direct1x2(k, a, ar, acs, b, bOff + j, brs, c, cr + j, acc);
            }
            if (n2 < n1) {
                direct1x1(k, a, ar, acs, b, bOff + n2, brs, c, cr + n2, acc);
            }
        }
        if (n1 < n) {
            scalarColumns(m, n1, n, k, a, aOff, ars, acs, b, bOff, brs, 1, c, cOff, ldc, acc);
        }
    }

    private static void direct4x2(int k, float[] a, int ar, int ars, int acs, float[] b, int bj, int brs,
                                  float[] c, int ci, int ldc, boolean acc) {
        if (!acc) {
            zeroRows(c, ci, ldc, 4, 2 * L, 0f);
        }
        FloatVector c00 = FloatVector.fromArray(S, c, ci);
        FloatVector c01 = FloatVector.fromArray(S, c, ci + L);
        FloatVector c10 = FloatVector.fromArray(S, c, ci + ldc);
        FloatVector c11 = FloatVector.fromArray(S, c, ci + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, ci + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, ci + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + L);
        for (int p = 0; p < k; p++) {
            int bk = bj + p * brs;
            int ak = ar + p * acs;
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ak]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ak + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ak + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ak + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
    }

    private static void direct4x1(int k, float[] a, int ar, int ars, int acs, float[] b, int bj, int brs,
                                  float[] c, int ci, int ldc, boolean acc) {
        if (!acc) {
            zeroRows(c, ci, ldc, 4, 1 * L, 0f);
        }
        FloatVector c0 = FloatVector.fromArray(S, c, ci);
        FloatVector c1 = FloatVector.fromArray(S, c, ci + ldc);
        FloatVector c2 = FloatVector.fromArray(S, c, ci + 2 * ldc);
        FloatVector c3 = FloatVector.fromArray(S, c, ci + 3 * ldc);
        for (int p = 0; p < k; p++) {
            int ak = ar + p * acs;
            FloatVector b0 = FloatVector.fromArray(S, b, bj + p * brs);
            c0 = FloatVector.broadcast(S, a[ak]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ak + ars]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ak + 2 * ars]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ak + 3 * ars]).fma(b0, c3);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
    }

    private static void direct1x2(int k, float[] a, int ar, int acs, float[] b, int bj, int brs,
                                  float[] c, int ci, boolean acc) {
        if (!acc) {
            zeroRows(c, ci, 0, 1, 2 * L, 0f);
        }
        FloatVector c0 = FloatVector.fromArray(S, c, ci);
        FloatVector c1 = FloatVector.fromArray(S, c, ci + L);
        for (int p = 0; p < k; p++) {
            int bk = bj + p * brs;
            FloatVector a0 = FloatVector.broadcast(S, a[ar + p * acs]);
            c0 = a0.fma(FloatVector.fromArray(S, b, bk), c0);
            c1 = a0.fma(FloatVector.fromArray(S, b, bk + L), c1);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + L);
    }

    private static void direct1x1(int k, float[] a, int ar, int acs, float[] b, int bj, int brs,
                                  float[] c, int ci, boolean acc) {
        if (!acc) {
            zeroRows(c, ci, 0, 1, 1 * L, 0f);
        }
        FloatVector c0 = FloatVector.fromArray(S, c, ci);
        for (int p = 0; p < k; p++) {
            c0 = FloatVector.broadcast(S, a[ar + p * acs]).fma(FloatVector.fromArray(S, b, bj + p * brs), c0);
        }
        c0.intoArray(c, ci);
    }

    /** Columns [j0, j1) of C one element at a time, four rows interleaved to hide FMA latency. */
    private static void scalarColumns(int m, int j0, int j1, int k, float[] a, int aOff, int ars, int acs,
                                      float[] b, int bOff, int brs, int bcs, float[] c, int cOff, int ldc,
                                      boolean acc) {
        for (int j = j0; j < j1; j++) {
            int bj = bOff + j * bcs;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int ci = cOff + i * ldc + j;
                int ar = aOff + i * ars;
                float s0 = acc ? c[ci] : 0;
                float s1 = acc ? c[ci + ldc] : 0;
                float s2 = acc ? c[ci + 2 * ldc] : 0;
                float s3 = acc ? c[ci + 3 * ldc] : 0;
                for (int p = 0; p < k; p++) {
                    float bv = b[bj + p * brs];
                    int ak = ar + p * acs;
                    s0 = Math.fma(a[ak], bv, s0);
                    s1 = Math.fma(a[ak + ars], bv, s1);
                    s2 = Math.fma(a[ak + 2 * ars], bv, s2);
                    s3 = Math.fma(a[ak + 3 * ars], bv, s3);
                }
                c[ci] = s0;
                c[ci + ldc] = s1;
                c[ci + 2 * ldc] = s2;
                c[ci + 3 * ldc] = s3;
            }
            for (; i < m; i++) {
                int ci = cOff + i * ldc + j;
                int ar = aOff + i * ars;
                float s = acc ? c[ci] : 0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ar + p * acs], b[bj + p * brs], s);
                }
                c[ci] = s;
            }
        }
    }

    /**
     * Zeroes {@code rows} rows of {@code width} elements of C, so that kernels always start from C: a start
     * that is a load on one path and zero on another would merge two vector boxes, which C2 cannot always
     * keep in registers (it then falls back to scalar emulation of the Vector API).
     */
    private static void zeroRows(float[] c, int ci, int ldc, int rows, int width, float zero) {
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(c, ci + r * ldc, ci + r * ldc + width, zero);
        }
    }
}
