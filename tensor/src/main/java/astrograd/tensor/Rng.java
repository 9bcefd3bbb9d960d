package astrograd.tensor;

import astrograd.tensor.cpu.CpuRandom;
import astrograd.tensor.cpu.CpuStorage;
import astrograd.tensor.ops.RandomKind;
import java.util.ArrayList;
import java.util.List;

/**
 * An explicit stream of random numbers: counter-based Philox4x32-10 ({@link Philox}) with a 64-bit
 * {@code key} and a 64-bit block {@code counter}. There is no global generator; split one stream per
 * chain, walker, ensemble member or dropout layer. An Rng is not thread-safe (give each thread its own
 * split); splitting is cheap. Every backend produces the same numbers for the same state, as follows.
 *
 * <h2>Blocks</h2>
 * Block {@code b} under key {@code k} is the four 32-bit words {@code w[0..3]} of Philox4x32-10 with
 * counter {@code (lo32(b), hi32(b), 0, 0)} and key {@code (lo32(k), hi32(k))}. {@code new Rng(seed)}
 * starts with key = seed and counter = 0.
 *
 * <h2>Fills</h2>
 * A fill of n elements (row-major order) with {@code p} elements per block gives element {@code i} the
 * block {@code counter + i / p} (mod 2^64) and slot {@code s = i % p}, then advances the counter by
 * {@code ceil(n / p)}. With {@code x_j = (w[2j+1] << 32) | w[2j]} (unsigned 64 bits, low word first):
 * <ul>
 *   <li>bits I32 (p = 4): {@code w[s]}; bits I64 (p = 2): {@code x_s};</li>
 *   <li>uniform F32 (p = 4): {@code (w[s] >>> 8) * 2^-24}, in [0, 1), exact;</li>
 *   <li>uniform F64 (p = 2): {@code (x_s >>> 11) * 2^-53}, in [0, 1), exact;</li>
 *   <li>normal F32 (p = 4), Box–Muller on the pair {@code q = s / 2}: {@code u1 = (w[2q] + 1) * 2^-32} in
 *       (0, 1], {@code u2 = w[2q+1] * 2^-32} in [0, 1) (words unsigned), {@code r = sqrt(-2 ln u1)},
 *       {@code t = 2 pi u2}; even s takes {@code r cos t}, odd s {@code r sin t}; computed in double and
 *       rounded once to float;</li>
 *   <li>normal F64 (p = 2): {@code u1 = ((x_0 >>> 11) + 1) * 2^-53} in (0, 1],
 *       {@code u2 = (x_1 >>> 11) * 2^-53}; s = 0 takes {@code r cos t}, s = 1 {@code r sin t}.</li>
 * </ul>
 * Normals are bounded by Box–Muller's smallest u1: |z| &lt;= 6.67 in F32 and 8.58 in F64.
 * Uniforms and bits are bit-exact everywhere; normals match to the accuracy of the platform's double
 * {@code log}, {@code cos} and {@code sin} (an ulp in double, which F32 rounding almost always hides).
 *
 * <h2>Derived values</h2>
 * <ul>
 *   <li>{@code uniform(lo, hi)} = {@code lo + (hi - lo) * u} and {@code normal(mean, std)} =
 *       {@code mean + std * z}, on the CPU in double rounded once to the dtype (other backends use their
 *       elementwise multiply and add). In F32 the rounding can give exactly {@code hi}.</li>
 *   <li>{@code bernoulli(p)}: element i is {@code u_i < p} with {@code u_i} the uniform F64 fill (so
 *       P(true) is p rounded up to a multiple of 2^-53).</li>
 *   <li>{@code dropoutMask(p)}: element i is {@code 1/(1 − p)} if {@code u_i < (float) (1 − p)}, else 0, with
 *       {@code u_i} the uniform F32 fill.</li>
 *   <li>{@code randint(lo, hi)}: Lemire's exact method on the bits I64 fill. With {@code r = hi - lo}
 *       (unsigned) and {@code m = x_i * r} (128 bits), the value is {@code lo + hi64(m)} if
 *       {@code lo64(m) >= 2^64 mod r} (unsigned). Otherwise attempt {@code a = 1, 2, ...} redraws
 *       {@code x_i} from the same slot of the block with counter {@code (lo32(b), hi32(b), a, 0)}, b the
 *       element's block; no ordinary fill uses those counters. Exactly uniform; a redraw happens with
 *       probability below {@code r / 2^64}.</li>
 *   <li>{@code permutation(n)}: Fisher–Yates on a bits I64 fill of n - 1 elements: for
 *       {@code m = 0 .. n-2}, {@code i = n-1-m}, draw {@code j} in [0, i] from element m as randint does
 *       (range i + 1) and swap positions i and j of {@code 0, 1, ..., n-1}.</li>
 *   <li>Scalars: {@link #nextLong()}, {@link #nextDouble()}, {@link #nextGaussian()} and
 *       {@link #nextLong(long)} equal the one element of the corresponding fill of shape {@code []}.</li>
 * </ul>
 *
 * <h2>Keys</h2>
 * A derived key is {@code x_0} of Philox under the current key with counter {@code (lo32(v), hi32(v), 0,
 * d)}: {@link #split()} takes {@code v = counter}, {@code d = 1} and advances the counter by one;
 * {@link #fold(long)} takes {@code v = data}, {@code d = 2} and advances nothing. Derived streams start at
 * counter 0. Distinct values of the fourth counter word keep fills, splits and folds apart.
 */
public final class Rng {
    private static final int SPLIT_DOMAIN = 1;
    private static final int FOLD_DOMAIN = 2;

    private final long key;
    private long counter;

    /** A stream with key {@code seed} at counter 0. */
    public Rng(long seed) {
        this(seed, 0);
    }

    /** The stream at an exact state, e.g. restored from a checkpoint. */
    public Rng(long key, long counter) {
        this.key = key;
        this.counter = counter;
    }

    /** The Philox key. */
    public long key() {
        return key;
    }

    /** The next unused block counter (unsigned). */
    public long counter() {
        return counter;
    }

    @Override
    public String toString() {
        return "Rng(key=0x" + Long.toHexString(key) + ", counter=" + Long.toUnsignedString(counter) + ")";
    }

    // ---------------------------------------------------------------- streams

    /** A new independent stream; advances this one by one block. */
    public Rng split() {
        Rng child = new Rng(deriveKey(counter, SPLIT_DOMAIN), 0);
        counter++;
        return child;
    }

    /** {@code n} new independent streams, the same as n successive {@link #split()} calls. */
    public List<Rng> split(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("split: count must be >= 0, got " + n);
        }
        List<Rng> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(split());
        }
        return out;
    }

    /** A stream derived from this one's key and {@code data} (JAX's fold_in); this one does not advance. */
    public Rng fold(long data) {
        return new Rng(deriveKey(data, FOLD_DOMAIN), 0);
    }

    private long deriveKey(long value, int domain) {
        int[] w = new int[4];
        Philox.block(key, value, 0, domain, w);
        return Philox.join(w[0], w[1]);
    }

    // ---------------------------------------------------------------- tensors

    /** Uniform on [0, 1) on the CPU; F32 or F64. */
    public Tensor rand(DType dtype, int... shape) {
        return rand(Device.cpu(), dtype, shape);
    }

    /** Uniform on [0, 1) on a device; F32 or F64. */
    public Tensor rand(Device device, DType dtype, int... shape) {
        return fill(device, RandomKind.UNIFORM, checkFloating("rand", dtype), shape);
    }

    /** Uniform on [lo, hi): {@code lo + (hi - lo) * u} (see the class notes on F32 rounding). */
    public Tensor uniform(DType dtype, double lo, double hi, int... shape) {
        return uniform(Device.cpu(), dtype, lo, hi, shape);
    }

    public Tensor uniform(Device device, DType dtype, double lo, double hi, int... shape) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
            throw new IllegalArgumentException("uniform: need finite lo <= hi, got lo = " + lo + ", hi = " + hi);
        }
        return scaleShift(rand(device, dtype, shape), hi - lo, lo);
    }

    /** Standard normal on the CPU; F32 or F64. */
    public Tensor randn(DType dtype, int... shape) {
        return randn(Device.cpu(), dtype, shape);
    }

    public Tensor randn(Device device, DType dtype, int... shape) {
        return fill(device, RandomKind.NORMAL, checkFloating("randn", dtype), shape);
    }

    /** Normal with the given mean and standard deviation: {@code mean + std * z}. */
    public Tensor normal(DType dtype, double mean, double std, int... shape) {
        return normal(Device.cpu(), dtype, mean, std, shape);
    }

    public Tensor normal(Device device, DType dtype, double mean, double std, int... shape) {
        if (!(Double.isFinite(mean) && Double.isFinite(std) && std >= 0)) {
            throw new IllegalArgumentException("normal: need finite mean and std >= 0, got mean = " + mean
                    + ", std = " + std);
        }
        return scaleShift(randn(device, dtype, shape), std, mean);
    }

    /**
     * An inverted-dropout keep mask on the CPU: see {@link #dropoutMask(Device, DType, double, int...)}.
     */
    public Tensor dropoutMask(DType dtype, double p, int... shape) {
        return dropoutMask(Device.cpu(), dtype, p, shape);
    }

    /**
     * An inverted-dropout keep mask of a floating dtype: element i is {@code 1 / (1 − p)} (rounded to the dtype)
     * when {@code u_i < (float) (1 − p)} and 0 otherwise, {@code u_i} being the uniform F32 fill (24-bit
     * uniforms, four per Philox block, half the blocks of {@link #bernoulli}'s F64 uniforms: P(keep) is
     * {@code 1 − p} to within 2^-24). With {@code p = 1} every element is 0 and nothing is drawn. On the CPU
     * the comparison and the scaling are fused into one pass over the uniforms; other devices compose them
     * from tensor ops.
     *
     * @throws IllegalArgumentException when p is outside [0, 1]
     */
    public Tensor dropoutMask(Device device, DType dtype, double p, int... shape) {
        checkFloating("dropoutMask", dtype);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropoutMask: drop probability must be in [0, 1], got " + p);
        }
        if (p == 1) {
            return Tensor.zeros(dtype, shape).to(device);
        }
        Tensor u = fill(device, RandomKind.UNIFORM, DType.F32, shape);
        return device.isCpu() ? CpuRandom.scaledMask(u, 1 - p, 1 / (1 - p), dtype)
                : u.lt(1 - p).to(dtype).mul(1 / (1 - p));
    }

    /** BOOL, each element true with probability p, on the CPU. */
    public Tensor bernoulli(double p, int... shape) {
        return bernoulli(Device.cpu(), p, shape);
    }

    public Tensor bernoulli(Device device, double p, int... shape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: probability must be in [0, 1], got " + p);
        }
        Tensor u = fill(device, RandomKind.UNIFORM, DType.F64, shape);
        return device.isCpu() ? CpuRandom.lessThan(u, p) : u.lt(p);
    }

    /**
     * BOOL of the shape of {@code probs} (F32 or F64, any layout, on its device), element i true with
     * probability {@code probs[i]}.
     *
     * @throws IllegalArgumentException on the CPU when a probability is NaN or outside [0, 1]
     */
    public Tensor bernoulli(Tensor probs) {
        checkFloating("bernoulli", probs.dtype());
        Tensor u = fill(probs.device(), RandomKind.UNIFORM, DType.F64, probs.shape());
        return probs.device().isCpu() ? CpuRandom.lessThan(u, probs) : u.lt(probs.to(DType.F64));
    }

    /** Raw random words on the CPU: I32 (one word each) or I64 (two words joined, low word first). */
    public Tensor bits(DType dtype, int... shape) {
        return bits(Device.cpu(), dtype, shape);
    }

    public Tensor bits(Device device, DType dtype, int... shape) {
        if (!dtype.isInteger()) {
            throw new DTypeException("bits: dtype must be I32 or I64, got " + dtype);
        }
        return fill(device, RandomKind.BITS, dtype, shape);
    }

    /** I64 uniform on the integers of [lo, hi), exactly (see the class notes), on the CPU. */
    public Tensor randint(long lo, long hi, int... shape) {
        return randint(Device.cpu(), lo, hi, shape);
    }

    public Tensor randint(Device device, long lo, long hi, int... shape) {
        if (lo >= hi) {
            throw new IllegalArgumentException("randint: need lo < hi, got lo = " + lo + ", hi = " + hi);
        }
        long start = counter;
        Tensor bits = fill(device, RandomKind.BITS, DType.I64, shape);
        boolean onCpu = device.isCpu();
        long[] x = onCpu ? hostLongs(bits) : bits.toLongArray();
        int off = onCpu ? bits.offset() : 0;
        long range = hi - lo;
        for (int i = 0; i < bits.numel(); i++) {
            x[off + i] = lo + bounded(x[off + i], range, start, i);
        }
        return onCpu ? bits : Tensor.of(x, bits.shape()).to(device);
    }

    /** I64 random permutation of {@code 0 .. n-1} on the CPU (Fisher–Yates, see the class notes). */
    public Tensor permutation(int n) {
        return permutation(Device.cpu(), n);
    }

    public Tensor permutation(Device device, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        }
        long start = counter;
        int draws = Math.max(0, n - 1);
        Tensor bits = fill(Device.cpu(), RandomKind.BITS, DType.I64, new int[] {draws});
        long[] x = hostLongs(bits);
        int off = bits.offset();
        long[] perm = new long[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int m = 0; m < draws; m++) {
            int i = n - 1 - m;
            int j = (int) bounded(x[off + m], i + 1, start, m);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Tensor.of(perm, n).to(device);
    }

    // ---------------------------------------------------------------- scalars

    /** 64 random bits: {@code x_0} of the next block. */
    public long nextLong() {
        int[] w = nextBlock();
        return Philox.join(w[0], w[1]);
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return Philox.uniform53(nextLong());
    }

    /** Uniform on [0, 1) with 24 random bits: the one element of a uniform F32 fill. */
    public float nextFloat() {
        return Philox.uniform24(nextBlock()[0]);
    }

    /** Standard normal (the {@code r cos t} half of one Box–Muller pair). */
    public double nextGaussian() {
        int[] w = nextBlock();
        double r = Philox.boxMullerRadius(Philox.uniform53Open(Philox.join(w[0], w[1])));
        return r * Math.cos(Philox.boxMullerAngle(Philox.uniform53(Philox.join(w[2], w[3]))));
    }

    /** Uniform on the integers of [0, bound), exactly; bound must be positive. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextLong: bound must be positive, got " + bound);
        }
        long start = counter;
        return bounded(nextLong(), bound, start, 0);
    }

    /** Uniform on [0, bound) as an int; bound must be positive. */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    private int[] nextBlock() {
        int[] w = new int[4];
        Philox.block(key, counter, 0, 0, w);
        counter++;
        return w;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Elements one Philox block yields in a fill: 4 for F32 and I32 (one word each), 2 for F64 and I64
     * (a word pair each). UNIFORM and NORMAL take F32 or F64, BITS takes I32 or I64.
     *
     * @throws DTypeException for any other pairing
     */
    public static int elementsPerBlock(RandomKind kind, DType dtype) {
        boolean supported = dtype.isFloating() ? kind != RandomKind.BITS : dtype.isInteger() && kind == RandomKind.BITS;
        if (!supported) {
            throw new DTypeException("random: " + kind + " fills support "
                    + (kind == RandomKind.BITS ? "I32 and I64" : "F32 and F64") + ", got " + dtype);
        }
        return dtype == DType.F32 || dtype == DType.I32 ? 4 : 2;
    }

    private Tensor fill(Device device, RandomKind kind, DType dtype, int[] shape) {
        int[] s = Shape.check("random", shape);
        int per = elementsPerBlock(kind, dtype);
        Tensor out = Backends.of(device).random(kind, dtype, s, key, counter);
        counter += (Shape.numel(s) + per - 1) / per;
        return out;
    }

    /**
     * Lemire's unbiased bounded draw of element {@code i} of a bits I64 fill that started at block
     * {@code start}: a value in [0, range), range unsigned and non-zero.
     */
    private long bounded(long x, long range, long start, int i) {
        if (Long.compareUnsigned(x * range, range) < 0) {
            long threshold = Long.remainderUnsigned(-range, range);
            int[] w = new int[4];
            int slot = i % 2;
            for (int attempt = 1; Long.compareUnsigned(x * range, threshold) < 0; attempt++) {
                Philox.block(key, start + i / 2, attempt, 0, w);
                x = Philox.join(w[2 * slot], w[2 * slot + 1]);
            }
        }
        return Philox.unsignedMultiplyHigh(x, range);
    }

    private static long[] hostLongs(Tensor fresh) {
        return ((CpuStorage) fresh.storage()).i64();
    }

    private static Tensor scaleShift(Tensor fresh, double scale, double shift) {
        if (fresh.device().isCpu()) {
            CpuRandom.scaleShiftInPlace(fresh, scale, shift);
            return fresh;
        }
        return fresh.mul(scale).add(shift);
    }

    private static DType checkFloating(String op, DType dtype) {
        if (!dtype.isFloating()) {
            throw new DTypeException(op + ": dtype must be F32 or F64, got " + dtype);
        }
        return dtype;
    }
}
