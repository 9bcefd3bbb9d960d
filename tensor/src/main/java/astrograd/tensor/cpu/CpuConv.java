package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;

/**
 * Convolution family on the CPU: routes each primitive to its kernel ({@link ConvDirect},
 * {@link ConvGemm}, {@link Im2col}, {@link Pool2d}) after making the inputs contiguous (the F32 transposed
 * convolution reads its input in place where the layout allows, see {@link ImageView}). Shapes were
 * validated by the tensor layer ({@code astrograd.tensor.Conv}); results are new contiguous tensors.
 *
 * <p>The two public entry points take a bias that the kernels add as they write (the accumulators start
 * from it), which saves a pass over the output; {@code Conv} calls them for CPU tensors, because
 * {@link astrograd.tensor.Backend#conv2d} has no bias argument.
 */
public final class CpuConv {
    /**
     * Largest {@code Cg*kh*kw} sent to the direct kernel (F32, stride 1 along W). Measured on the 2-core
     * AVX-512 machine, one thread, 32->64 channels 3x3 on 64x64 (288 taps): direct about 116 GFLOP/s,
     * im2col + the blocked GEMM about 102 GFLOP/s. Beyond this many taps im2col + GEMM is assumed to win
     * (not measured yet).
     */
    static final int DIRECT_MAX_TAPS = 576;

    private CpuConv() {
    }

    static Tensor conv2d(Tensor x, Tensor w, ConvSpec spec) {
        return conv2d(x, w, null, spec);
    }

    /**
     * {@code conv2d(x, w) + bias[o]} for validated CPU operands (x {@code [N, C, H, W]}, w
     * {@code [O, C/groups, kh, kw]}, bias {@code [O]} or null, all one floating dtype).
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return conv2d(x, w, bias, spec, false);
    }

    /**
     * {@code conv2d(x, w) + bias[o]}, followed by {@code relu} (NaN kept, as {@code Tensor.relu}) when asked,
     * applied in place to each block of outputs right after it is computed, while it is in cache (the direct
     * kernel's output rows, the GEMM path's per-image products). Bit for bit the same as the separate ops.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvSpec spec, boolean relu) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        ConvGemm.Plan plan = forwardPlan(xs, ws, spec);
        int outH = plan.geo().outH();
        int outW = plan.geo().outW();
        CpuStorage out = CpuStorage.uninitialized(x.dtype(), xs[0] * ws[0] * outH * outW);
        Object xa = array(x);
        Object wa = array(w);
        Object ba = bias == null ? null : array(bias);
        if (direct(x, spec, plan)) {
            ConvDirect.forward((float[]) xa, (float[]) wa, (float[]) ba, out.f32(), plan, spec.padRight(), relu);
            return new Tensor(out, new int[] {xs[0], ws[0], outH, outW});
        }
        if (x.dtype() == DType.F32) {
            fillBias(out, ba, ws[0], outH * outW);
            ConvGemm.forward((float[]) xa, (float[]) wa, out.f32(), plan, ba != null, relu);
        } else {
            fillBias(out, ba, ws[0], outH * outW);
            ConvGemm.forward((double[]) xa, (double[]) wa, out.f64(), plan, ba != null, relu);
        }
        return new Tensor(out, new int[] {xs[0], ws[0], outH, outW});
    }

    /**
     * {@code maxPool2d(relu(conv2d(x, w) + bias[o]), pool)} values for validated CPU operands. An F32 convolution
     * on the direct kernel followed by a pool whose windows are one row high ({@link #poolsRowByRow}) runs fused:
     * each block of convolution outputs is pooled from a per-thread buffer, so the convolution's output is never
     * written to memory. Any other case runs the two ops. Bit for bit the same either way.
     */
    public static Tensor conv2dReluMaxPool(Tensor x, Tensor w, Tensor bias, ConvSpec spec, PoolSpec pool) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        ConvGemm.Plan plan = forwardPlan(xs, ws, spec);
        int outH = plan.geo().outH();
        int outW = plan.geo().outW();
        Pool2d.Planes planes = new Pool2d.Planes(xs[0] * ws[0], outH, outW, pool.outH(outH), pool.outW(outW));
        if (!direct(x, spec, plan) || !poolsRowByRow(planes, pool)) {
            return maxPool2d(conv2d(x, w, bias, spec, true), pool, false)[0];
        }
        CpuStorage out = CpuStorage.uninitialized(DType.F32, planes.count() * planes.out());
        ConvDirect.forwardPooled((float[]) array(x), (float[]) array(w), bias == null ? null : (float[]) array(bias),
                out.f32(), plan, spec.padRight(), pool);
        return new Tensor(out, new int[] {xs[0], ws[0], planes.outH(), planes.outW()});
    }

    /** The forward convolution of x {@code [N, C, H, W]} by w {@code [O, C/groups, kh, kw]}. */
    private static ConvGemm.Plan forwardPlan(int[] xs, int[] ws, ConvSpec spec) {
        return new ConvGemm.Plan(xs[0], xs[1], ws[0], spec.groups(), geometry(xs[1] / spec.groups(), xs[2], xs[3],
                ws[2], ws[3], spec, spec.outH(xs[2], ws[2]), spec.outW(xs[3], ws[3])));
    }

    /** True when the forward convolution runs on the direct kernel (F32, stride 1 along W, few taps). */
    private static boolean direct(Tensor x, ConvSpec spec, ConvGemm.Plan plan) {
        return x.dtype() == DType.F32 && ConvDirect.suits(spec.strideW(), plan.k(), plan.geo().outW(), DIRECT_MAX_TAPS);
    }

    /** True when every pooled row is read from the same convolution output row alone (1×k windows, row stride 1). */
    static boolean poolsRowByRow(Pool2d.Planes planes, PoolSpec pool) {
        return pool.strideH() == 1 && MaxPoolRows.applies(planes, pool);
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, ConvSpec spec) {
        return convTranspose2d(x, w, null, spec);
    }

    /**
     * {@code convTranspose2d(x, w) + bias[o]} for validated CPU operands (x {@code [N, C, H, W]}, w
     * {@code [C, O/groups, kh, kw]}, bias {@code [O]} or null, all one floating dtype).
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int o = ws[1] * spec.groups();
        int outH = spec.transposedOutH(xs[2], ws[2]);
        int outW = spec.transposedOutW(xs[3], ws[3]);
        // the geometry of the output image against the input grid: col2im scatters into it
        ConvGemm.Plan plan = new ConvGemm.Plan(xs[0], xs[1], o, spec.groups(),
                geometry(ws[1], outH, outW, ws[2], ws[3], spec, xs[2], xs[3]));
        CpuStorage out = CpuStorage.allocate(x.dtype(), xs[0] * o * outH * outW);
        fillBias(out, bias == null ? null : array(bias), o, outH * outW);
        if (x.dtype() == DType.F32) {
            ConvGemm.transposed(ImageView.of(x), (float[]) array(w), out.f32(), plan);
        } else {
            ConvGemm.transposed((double[]) array(x), (double[]) array(w), out.f64(), plan);
        }
        return new Tensor(out, new int[] {xs[0], o, outH, outW});
    }

    static Tensor[] maxPool2d(Tensor x, PoolSpec spec, boolean withIndices) {
        int[] xs = x.shape();
        Pool2d.Planes p = new Pool2d.Planes(xs[0] * xs[1], xs[2], xs[3], spec.outH(xs[2]), spec.outW(xs[3]));
        int n = p.count() * p.out();
        CpuStorage values = CpuStorage.uninitialized(x.dtype(), n);
        CpuStorage indices = withIndices ? CpuStorage.uninitialized(DType.I64, n) : null;
        long[] idx = indices == null ? null : indices.i64();
        if (x.dtype() == DType.F32) {
            Pool2d.max((float[]) array(x), values.f32(), idx, p, spec);
        } else {
            Pool2d.max((double[]) array(x), values.f64(), idx, p, spec);
        }
        int[] shape = {xs[0], xs[1], p.outH(), p.outW()};
        return new Tensor[] {new Tensor(values, shape), indices == null ? null : new Tensor(indices, shape.clone())};
    }

    static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        int[] xs = x.shape();
        Pool2d.Planes p = new Pool2d.Planes(xs[0] * xs[1], xs[2], xs[3], spec.outH(xs[2]), spec.outW(xs[3]));
        CpuStorage out = CpuStorage.uninitialized(x.dtype(), p.count() * p.out());
        if (x.dtype() == DType.F32) {
            Pool2d.avg((float[]) array(x), out.f32(), p, spec);
        } else {
            Pool2d.avg((double[]) array(x), out.f64(), p, spec);
        }
        return new Tensor(out, new int[] {xs[0], xs[1], p.outH(), p.outW()});
    }

    static Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec) {
        int[] xs = x.shape();
        int outH = spec.outH(xs[2], kh);
        int outW = spec.outW(xs[3], kw);
        Im2col.Geometry g = geometry(1, xs[2], xs[3], kh, kw, spec, outH, outW);
        int planes = xs[0] * xs[1];
        int l = outH * outW;
        int colsPerPlane = kh * kw * l;
        CpuStorage out = CpuStorage.uninitialized(x.dtype(), planes * colsPerPlane);
        Object xa = array(x);
        EnginePool.parallelFor(planes, Math.max(1, (1 << 15) / Math.max(1, colsPerPlane)), (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xOff = pl * xs[2] * xs[3];
                if (xa instanceof float[]) {
                    Im2col.im2col((float[]) xa, xOff, g, 0, outH, out.f32(), pl * colsPerPlane, l);
                } else {
                    Im2col.im2col((double[]) xa, xOff, g, 0, outH, out.f64(), pl * colsPerPlane, l);
                }
            }
        });
        return new Tensor(out, new int[] {xs[0], xs[1] * kh * kw, l});
    }

    static Tensor fold(Tensor cols, int h, int w, int kh, int kw, ConvSpec spec) {
        int[] cs = cols.shape();
        int channels = cs[1] / (kh * kw);
        int outH = spec.outH(h, kh);
        int outW = spec.outW(w, kw);
        Im2col.Geometry g = geometry(1, h, w, kh, kw, spec, outH, outW);
        int planes = cs[0] * channels;
        int colsPerPlane = kh * kw * cs[2];
        CpuStorage out = CpuStorage.allocate(cols.dtype(), planes * h * w);
        Object ca = array(cols);
        EnginePool.parallelFor(planes, Math.max(1, (1 << 15) / Math.max(1, colsPerPlane)), (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                if (ca instanceof float[]) {
                    Im2col.col2im((float[]) ca, pl * colsPerPlane, cs[2], g, 0, outH, out.f32(), pl * h * w);
                } else {
                    Im2col.col2im((double[]) ca, pl * colsPerPlane, cs[2], g, 0, outH, out.f64(), pl * h * w);
                }
            }
        });
        return new Tensor(out, new int[] {cs[0], channels, h, w});
    }

    /** Sets every output plane {@code (n, o)} to {@code bias[o]} (nothing when bias is null). */
    private static void fillBias(CpuStorage out, Object bias, int channels, int plane) {
        if (bias == null) {
            return;
        }
        int planes = out.size() / Math.max(1, plane);
        EnginePool.parallelFor(planes, Math.max(1, (1 << 16) / Math.max(1, plane)), (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int from = pl * plane;
                if (bias instanceof float[]) {
                    java.util.Arrays.fill(out.f32(), from, from + plane, ((float[]) bias)[pl % channels]);
                } else {
                    java.util.Arrays.fill(out.f64(), from, from + plane, ((double[]) bias)[pl % channels]);
                }
            }
        });
    }

    static Im2col.Geometry geometry(int channels, int h, int w, int kh, int kw, ConvSpec s, int outH, int outW) {
        return new Im2col.Geometry(channels, h, w, kh, kw, s.strideH(), s.strideW(), s.padTop(), s.padLeft(),
                s.dilationH(), s.dilationW(), outH, outW);
    }

    /**
     * The backing array of a contiguous copy of t whose element 0 is at array index 0 (a contiguous view
     * with an offset, or one over a larger storage, is copied).
     */
    static Object array(Tensor t) {
        Tensor c = t.contiguous();
        if (c.offset() != 0 || c.storage().size() != c.numel() || !(c.storage() instanceof CpuStorage)) {
            c = CpuCopy.copyOf(c);
        }
        return ((CpuStorage) c.storage()).array();
    }

}
