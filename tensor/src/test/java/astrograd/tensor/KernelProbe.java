package astrograd.tensor;

import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A fixed workload over the CPU backend's vectorized kernels, in F32 and F64: elementwise ops on rows whose length
 * leaves a scalar tail, on special values (signed zeros, infinities, NaN, subnormals) and on broadcast operands;
 * comparisons and selection; reductions along the last axis, the first axis and all axes; softmax, log-softmax,
 * logsumexp and cross-entropy on rows longer than one kernel chunk; casts; matmul (plain, transposed, narrow, batched);
 * convolutions with ReLU and pooling; random streams. Each result is summarised as a 64-bit FNV-1a hash of its
 * bits (NaN canonical), so that JVMs in different compilation states can be compared ({@link WarmupDeterminismTest}).
 *
 * <p>{@code main} prints one line per result, {@code <name> <hash>}; with {@code --warm N} it prints the results of
 * the first call prefixed {@code cold}, runs the workload N more times, and prints the last ones prefixed
 * {@code warm}.
 */
final class KernelProbe {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-7f, 0.5f, -0.625f,
        1f, -1f, 9.5f, -20f, 88.7f, -88.7f, 89f, -104f, 200f, -200f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    private final Map<String, Long> results = new LinkedHashMap<>();

    private KernelProbe() {
    }

    /** The hash of every result of the workload, by name, in a fixed order. */
    static Map<String, Long> run() {
        KernelProbe p = new KernelProbe();
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            p.elementwise(dt);
            p.reductions(dt);
            p.softmaxFamily(dt);
            p.linearAlgebra(dt);
            p.convolutions(dt);
            p.random(dt);
        }
        return p.results;
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--warm")) {
            print("cold ", run());
            for (int i = Integer.parseInt(args[1]); i > 0; i--) {
                run();
            }
            print("warm ", run());
        } else {
            print("", run());
        }
    }

    private static void print(String prefix, Map<String, Long> hashes) {
        hashes.forEach((name, hash) -> System.out.println(prefix + name + " " + Long.toHexString(hash)));
    }

    private void put(String name, DType dt, Supplier<Tensor> op) {
        results.put(name + "/" + dt, hash(op.get()));
    }

    private static long hash(Tensor t) {
        long h = 0xcbf29ce484222325L;
        if (t.dtype() == DType.F32) {
            for (float v : t.toFloatArray()) {
                h = (h ^ Float.floatToIntBits(v)) * 0x100000001b3L;
            }
        } else if (t.dtype() == DType.F64) {
            for (double v : t.toDoubleArray()) {
                h = (h ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
            }
        } else {
            for (long v : t.to(DType.I64).toLongArray()) {
                h = (h ^ v) * 0x100000001b3L;
            }
        }
        return h;
    }

    /** Values of [-range, range) in a [rows, 37] tensor: two or more full vectors and a tail per row. */
    private static Tensor values(DType dt, long seed, double range, int rows) {
        return new Rng(seed).uniform(dt, -range, range, rows, 37);
    }

    private static Tensor special(DType dt) {
        return Tensor.of(SPECIAL, SPECIAL.length).to(dt);
    }

    private void elementwise(DType dt) {
        Tensor x = Tensor.cat(0, values(dt, 1, 12, 3).flatten(), special(dt));
        Tensor y = Tensor.cat(0, values(dt, 2, 3, 3).flatten(), special(dt).flip(0));
        Tensor pos = x.abs().add(0.01);
        put("neg", dt, x::neg);
        put("abs", dt, x::abs);
        put("square", dt, x::square);
        put("relu", dt, x::relu);
        put("exp", dt, x::exp);
        put("log", dt, pos::log);
        put("log1p", dt, pos::log1p);
        put("expm1", dt, x::expm1);
        put("sqrt", dt, pos::sqrt);
        put("rsqrt", dt, pos::rsqrt);
        put("sin", dt, x::sin);
        put("cos", dt, x::cos);
        put("tanh", dt, x::tanh);
        put("sigmoid", dt, x::sigmoid);
        put("softplus", dt, x::softplus);
        put("sign", dt, x::sign);
        put("erf", dt, x::erf);
        put("lgamma", dt, pos::lgamma);
        put("digamma", dt, pos::digamma);
        Tensor rows = values(dt, 3, 5, 4);
        Tensor row = values(dt, 4, 5, 1).reshape(37);
        put("add", dt, () -> x.add(y));
        put("sub", dt, () -> x.sub(y));
        put("mul", dt, () -> x.mul(y));
        put("div", dt, () -> x.div(y));
        put("maximum", dt, () -> x.maximum(y));
        put("minimum", dt, () -> x.minimum(y));
        put("pow", dt, () -> pos.pow(y));
        put("add_row", dt, () -> rows.add(row));
        put("sub_scalar_first", dt, () -> Tensor.scalar(1.5, dt).sub(rows));
        put("div_scalar", dt, () -> rows.div(3.0));
        put("maximum_scalar", dt, () -> x.maximum(0.0));
        put("lt", dt, () -> x.lt(y));
        put("eq", dt, () -> x.eq(0.0));
        put("where", dt, () -> Tensor.where(x.ge(y), x, y));
        put("masked_fill", dt, () -> x.maskedFill(x.gt(1.0), -7));
        put("cast", dt, () -> x.to(dt == DType.F32 ? DType.F64 : DType.F32));
        put("cast_int", dt, () -> rows.mul(100).to(DType.I32));
        put("transpose", dt, () -> values(dt, 5, 5, 40).reshape(37, 40).transpose(0, 1).contiguous());
    }

    private void reductions(DType dt) {
        Tensor x = values(dt, 6, 4, 5);
        Tensor s = special(dt);
        for (int[] axes : new int[][] {{1}, {0}, {}}) {
            String a = axes.length == 0 ? "all" : "ax" + axes[0];
            put("sum_" + a, dt, () -> x.sum(axes, false));
            put("prod_" + a, dt, () -> x.prod(axes, false));
            put("max_" + a, dt, () -> x.max(axes, false));
            put("min_" + a, dt, () -> x.min(axes, false));
            put("mean_" + a, dt, () -> x.mean(axes, false));
            put("var_" + a, dt, () -> x.var(axes, true, false));
        }
        put("sum_special", dt, () -> s.slice(0, 0, 20, 1).sum());
        put("max_special", dt, () -> s.max(new int[] {0}, false));
        put("argmax", dt, () -> x.argmax(1, false));
        put("cumsum", dt, () -> x.cumsum(1));
    }

    private void softmaxFamily(DType dt) {
        Tensor wide = new Rng(7).normal(dt, 1000, 3, 2, 1100);
        Tensor x = values(dt, 8, 10, 6);
        Tensor target = Tensor.of(new long[] {3, 0, 36, 17, 5, 9}, 6, 1);
        for (Tensor t : new Tensor[] {wide, x}) {
            String n = t == wide ? "_wide" : "";
            put("softmax" + n, dt, () -> t.softmax(-1));
            put("log_softmax" + n, dt, () -> t.logSoftmax(-1));
            put("logsumexp" + n, dt, () -> t.logsumexp(new int[] {-1}, false));
        }
        put("softmax_ax0", dt, () -> x.softmax(0));
        put("logsumexp_all", dt, () -> x.logsumexp(new int[] {}, false));
        put("cross_entropy", dt, () -> x.logSoftmax(1).gather(1, target).neg().mean());
        put("softmax_special", dt, () -> special(dt).reshape(1, SPECIAL.length).slice(1, 0, 20, 1).softmax(1));
    }

    private void linearAlgebra(DType dt) {
        Tensor a = values(dt, 9, 1, 5).slice(1, 0, 33, 1);
        Tensor b = new Rng(10).uniform(dt, -1, 1, 33, 19);
        Tensor bt = new Rng(11).uniform(dt, -1, 1, 19, 33);
        put("matmul", dt, () -> a.matmul(b));
        put("matmul_bt", dt, () -> a.matmul(bt.transpose(0, 1)));
        put("matmul_batched", dt, () -> new Rng(12).uniform(dt, -1, 1, 2, 5, 33).matmul(b));
        put("matmul_narrow", dt, () -> new Rng(13).uniform(dt, -1, 1, 33, 40).transpose(0, 1).matmul(new Rng(14).uniform(dt, -1, 1, 33, 5)));
    }

    private void convolutions(DType dt) {
        Tensor x1 = new Rng(15).uniform(dt, -1, 1, 2, 3, 40);
        Tensor w1 = new Rng(16).uniform(dt, -1, 1, 4, 3, 5);
        Tensor x2 = new Rng(17).uniform(dt, -1, 1, 1, 3, 12, 12);
        Tensor w2 = new Rng(18).uniform(dt, -1, 1, 4, 3, 3, 3);
        Tensor bias = new Rng(19).uniform(dt, -1, 1, 4);
        ConvSpec same = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        PoolSpec pool = new PoolSpec(2, 2, 2, 2, 0, 0, 1, 1, false, true);
        put("conv1d", dt, () -> Conv.conv1d(x1, w1, bias, 1, 2, 2, 1, 1));
        put("conv2d", dt, () -> Conv.conv2d(x2, w2, bias, same));
        put("conv2d_relu", dt, () -> Conv.conv2dRelu(x2, w2, bias, same));
        put("conv2d_relu_maxpool", dt, () -> Conv.conv2dReluMaxPool(x2, w2, bias, same, pool));
        put("max_pool2d", dt, () -> Conv.maxPool2dValues(x2, pool));
        put("avg_pool2d", dt, () -> Conv.avgPool2d(x2, pool));
        put("conv_transpose2d", dt, () -> Conv.convTranspose2d(x2, w2.transpose(0, 1).contiguous(), null, 2, 1, 1, 1, 1));
    }

    private void random(DType dt) {
        put("randn", dt, () -> new Rng(20).randn(dt, 101));
        put("uniform", dt, () -> new Rng(21).uniform(dt, -2, 2, 101));
        put("dropout_mask", dt, () -> new Rng(22).dropoutMask(dt, 0.3, 101));
    }
}
