package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Philox;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.RandomKind;

/**
 * Philox fills on the CPU, following the element mapping documented on {@link astrograd.tensor.Rng}, and
 * the host-side finishing steps {@code Rng} applies to freshly filled CPU tensors (scale and shift,
 * Bernoulli comparisons). Blocks are independent, so fills run in parallel with identical results for any
 * thread count.
 */
public final class CpuRandom {
    /** Philox blocks per thread before a fill is split. */
    private static final int MIN_BLOCKS_PER_THREAD = 1 << 13;
    private static final int MIN_ELEMENTS_PER_THREAD = 1 << 16;
    /** Blocks whose words are made together before they are turned into elements (a multiple of the lanes). */
    private static final int CHUNK_BLOCKS = 256;

    private CpuRandom() {
    }

    static Tensor random(RandomKind kind, DType dtype, int[] shape, long key, long counter) {
        int per = Rng.elementsPerBlock(kind, dtype);
        int n = Shape.numel(Shape.check("random", shape));
        CpuStorage storage = CpuStorage.uninitialized(dtype, n);
        int blocks = (n + per - 1) / per;
        EnginePool.parallelFor(blocks, MIN_BLOCKS_PER_THREAD, CHUNK_BLOCKS, (first, last) -> {
            int[] words = new int[4 * CHUNK_BLOCKS];
            long[] state = new long[4 * PhiloxLanes.lanes()];
            for (int b = first; b < last; b += CHUNK_BLOCKS) {
                int count = Math.min(CHUNK_BLOCKS, last - b);
                philoxWords(key, counter + b, count, words, state);
                int start = b * per;
                fill(kind, storage, words, start, Math.min(count * per, n - start));
            }
        });
        return new Tensor(storage, shape.clone());
    }

    /** The words of {@code count} consecutive blocks from block {@code first}, block j at {@code words[4*j]}. */
    private static void philoxWords(long key, long first, int count, int[] words, long[] state) {
        int lanes = PhiloxLanes.lanes();
        int j = 0;
        for (; j + lanes <= count; j += lanes) {
            PhiloxLanes.blocks(key, first + j, words, 4 * j, state);
        }
        for (; j < count; j++) {
            long block = first + j;
            Philox.block((int) block, (int) (block >>> 32), 0, 0, (int) key, (int) (key >>> 32), words, 4 * j);
        }
    }

    /** Elements {@code start .. start + count - 1} from the words of the blocks they belong to (from word 0). */
    private static void fill(RandomKind kind, CpuStorage s, int[] w, int start, int count) {
        switch (s.dtype()) {
            case I32: bitsI32(s.i32(), w, start, count); break;
            case I64: bitsI64(s.i64(), w, start, count); break;
            case F32:
                if (kind == RandomKind.UNIFORM) {
                    uniformF32(s.f32(), w, start, count);
                } else {
                    normalF32(s.f32(), w, start, count);
                }
                break;
            default:
                if (kind == RandomKind.UNIFORM) {
                    uniformF64(s.f64(), w, start, count);
                } else {
                    normalF64(s.f64(), w, start, count);
                }
                break;
        }
    }

    private static void bitsI32(int[] out, int[] w, int start, int count) {
        System.arraycopy(w, 0, out, start, count);
    }

    private static void bitsI64(long[] out, int[] w, int start, int count) {
        for (int s = 0; s < count; s++) {
            out[start + s] = Philox.join(w[2 * s], w[2 * s + 1]);
        }
    }

    private static void uniformF32(float[] out, int[] w, int start, int count) {
        for (int s = 0; s < count; s++) {
            out[start + s] = Philox.uniform24(w[s]);
        }
    }

    private static void uniformF64(double[] out, int[] w, int start, int count) {
        for (int s = 0; s < count; s++) {
            out[start + s] = Philox.uniform53(Philox.join(w[2 * s], w[2 * s + 1]));
        }
    }

    private static void normalF32(float[] out, int[] w, int start, int count) {
        for (int pair = 0; 2 * pair < count; pair++) {
            double r = Philox.boxMullerRadius(Philox.uniform32Open(w[2 * pair]));
            double theta = Philox.boxMullerAngle(Philox.uniform32(w[2 * pair + 1]));
            out[start + 2 * pair] = (float) (r * Math.cos(theta));
            if (2 * pair + 1 < count) {
                out[start + 2 * pair + 1] = (float) (r * Math.sin(theta));
            }
        }
    }

    private static void normalF64(double[] out, int[] w, int start, int count) {
        for (int pair = 0; 2 * pair < count; pair++) {
            int at = 4 * pair;
            double r = Philox.boxMullerRadius(Philox.uniform53Open(Philox.join(w[at], w[at + 1])));
            double theta = Philox.boxMullerAngle(Philox.uniform53(Philox.join(w[at + 2], w[at + 3])));
            out[start + 2 * pair] = r * Math.cos(theta);
            if (2 * pair + 1 < count) {
                out[start + 2 * pair + 1] = r * Math.sin(theta);
            }
        }
    }

    // ---------------------------------------------------------------- finishing steps for Rng

    /**
     * {@code x <- x * scale + shift} in place, computed in double and rounded once to the dtype. Only for a
     * contiguous floating CPU tensor the caller has just created and not yet shared ({@code fresh} modified).
     */
    public static void scaleShiftInPlace(Tensor fresh, double scale, double shift) {
        CpuStorage s = (CpuStorage) fresh.storage();
        int off = fresh.offset();
        EnginePool.parallelFor(fresh.numel(), MIN_ELEMENTS_PER_THREAD, (first, last) -> {
            if (s.dtype() == DType.F32) {
                float[] x = s.f32();
                for (int i = off + first; i < off + last; i++) {
                    x[i] = (float) (x[i] * scale + shift);
                }
            } else {
                double[] x = s.f64();
                for (int i = off + first; i < off + last; i++) {
                    x[i] = x[i] * scale + shift;
                }
            }
        });
    }

    /**
     * BOOL {@code u < p} elementwise, for a contiguous F64 CPU tensor {@code u} of uniforms and a CPU
     * tensor {@code p} of probabilities of the same shape (any layout, F32 or F64; not modified).
     *
     * @throws IllegalArgumentException naming the flat index when a probability is NaN or outside [0, 1]
     */
    public static Tensor lessThan(Tensor u, Tensor p) {
        double[] probs = p.toDoubleArray();
        for (int i = 0; i < probs.length; i++) {
            if (!(probs[i] >= 0 && probs[i] <= 1)) {
                throw new IllegalArgumentException("bernoulli: probability " + probs[i] + " at flat index " + i
                        + " of shape " + Shape.str(p.shape()) + " is outside [0, 1]");
            }
        }
        double[] x = ((CpuStorage) u.storage()).f64();
        int off = u.offset();
        boolean[] out = new boolean[probs.length];
        EnginePool.parallelFor(out.length, MIN_ELEMENTS_PER_THREAD, (first, last) -> {
            for (int i = first; i < last; i++) {
                out[i] = x[off + i] < probs[i];
            }
        });
        return new Tensor(CpuStorage.adopt(DType.BOOL, out), u.shape());
    }

    /**
     * {@code u < keep ? scale : 0} elementwise in the dtype (F32 or F64), for a contiguous F32 CPU tensor
     * {@code u} of uniforms: the dropout mask of {@link Rng#dropoutMask} in one vector pass.
     */
    public static Tensor scaledMask(Tensor u, double keep, double scale, DType dtype) {
        float[] x = ((CpuStorage) u.storage()).f32();
        int off = u.offset();
        CpuStorage out = CpuStorage.uninitialized(dtype, u.numel());
        EnginePool.parallelFor(u.numel(), MIN_ELEMENTS_PER_THREAD, (first, last) -> {
            if (dtype == DType.F32) {
                MaskF32.belowThreshold(x, off + first, (float) keep, (float) scale, out.f32(), first, last - first);
            } else {
                double[] o = out.f64();
                float threshold = (float) keep;
                for (int i = first; i < last; i++) {
                    o[i] = x[off + i] < threshold ? scale : 0;
                }
            }
        });
        return new Tensor(out, u.shape());
    }

    /** BOOL {@code u < p} elementwise for a contiguous F64 CPU tensor {@code u} and one probability. */
    public static Tensor lessThan(Tensor u, double p) {
        double[] x = ((CpuStorage) u.storage()).f64();
        int off = u.offset();
        boolean[] out = new boolean[u.numel()];
        EnginePool.parallelFor(out.length, MIN_ELEMENTS_PER_THREAD, (first, last) -> {
            for (int i = first; i < last; i++) {
                out[i] = x[off + i] < p;
            }
        });
        return new Tensor(CpuStorage.adopt(DType.BOOL, out), u.shape());
    }
}
