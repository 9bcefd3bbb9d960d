package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PoolSpec;

/**
 * Parameter-free pooling over the spatial axes of {@code [N, C, L]} (1-d) or {@code [N, C, H, W]} (2-d)
 * input, as PyTorch's pooling layers.
 * <ul>
 *   <li>Max pooling: {@code y = max} of each (dilated) window; padding counts as −∞. The gradient goes to
 *       the window's maximum.</li>
 *   <li>Average pooling: {@code y = Σ window / divisor}, the divisor the window's size including zero
 *       padding ({@code countIncludePad}) or only the input elements it covers.</li>
 *   <li>Per axis {@code out = floor((in + 2p - d(k-1) - 1) / s) + 1}, or the ceiling in ceil mode (a window
 *       must start inside the input or the left padding); the stride defaults to the kernel. Padding is at
 *       most half the kernel.</li>
 *   <li>Global pooling: the max or mean over all spatial axes, {@code [N, C]}, or {@code [N, C, 1(, 1)]}
 *       when keeping dimensions (PyTorch's {@code AdaptiveMaxPool/AdaptiveAvgPool} with output size 1).</li>
 * </ul>
 */
public final class Pool extends Module implements Layer {
    private enum Kind { MAX, AVG, GLOBAL_MAX, GLOBAL_AVG }

    private final Kind kind;
    private final int axes;
    private final PoolSpec spec;
    private final boolean keepDims;

    private Pool(Kind kind, int axes, PoolSpec spec, boolean keepDims) {
        this.kind = kind;
        this.axes = axes;
        this.spec = spec;
        this.keepDims = keepDims;
    }

    /** Max pooling with stride = kernel, no padding. */
    public static Pool maxPool1d(int kernel) {
        return maxPool1d(kernel, kernel, 0, 1, false);
    }

    public static Pool maxPool1d(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        return new Pool(Kind.MAX, 1, new PoolSpec(1, kernel, 1, stride, 0, padding, 1, dilation, ceilMode, true), false);
    }

    /** Max pooling with a square kernel, stride = kernel, no padding. */
    public static Pool maxPool2d(int kernel) {
        return maxPool2d(kernel, kernel, 0, 1, false);
    }

    /** Max pooling with a square kernel and the same stride, padding and dilation on both axes. */
    public static Pool maxPool2d(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        return maxPool2d(new PoolSpec(kernel, kernel, stride, stride, padding, padding, dilation, dilation, ceilMode, true));
    }

    /** Max pooling with per-axis geometry ({@code countIncludePad} is ignored). */
    public static Pool maxPool2d(PoolSpec spec) {
        return new Pool(Kind.MAX, 2, spec, false);
    }

    /** Average pooling with stride = kernel, no padding. */
    public static Pool avgPool1d(int kernel) {
        return avgPool1d(kernel, kernel, 0, false, true);
    }

    public static Pool avgPool1d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        return new Pool(Kind.AVG, 1, new PoolSpec(1, kernel, 1, stride, 0, padding, 1, 1, ceilMode, countIncludePad), false);
    }

    /** Average pooling with a square kernel, stride = kernel, no padding. */
    public static Pool avgPool2d(int kernel) {
        return avgPool2d(kernel, kernel, 0, false, true);
    }

    /** Average pooling with a square kernel and the same stride and padding on both axes. */
    public static Pool avgPool2d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        return avgPool2d(new PoolSpec(kernel, kernel, stride, stride, padding, padding, 1, 1, ceilMode, countIncludePad));
    }

    /** Average pooling with per-axis geometry; dilation must be 1. */
    public static Pool avgPool2d(PoolSpec spec) {
        if (spec.dilationH() != 1 || spec.dilationW() != 1) {
            throw new IllegalArgumentException("AvgPool2d: dilation must be 1, got (" + spec.dilationH() + ", "
                    + spec.dilationW() + ")");
        }
        return new Pool(Kind.AVG, 2, spec, false);
    }

    /** Max over the sequence: {@code [N, C, L] -> [N, C]}. */
    public static Pool globalMaxPool1d() {
        return new Pool(Kind.GLOBAL_MAX, 1, null, false);
    }

    /** Mean over the sequence: {@code [N, C, L] -> [N, C]}. */
    public static Pool globalAvgPool1d() {
        return new Pool(Kind.GLOBAL_AVG, 1, null, false);
    }

    /** Max over the plane: {@code [N, C, H, W] -> [N, C]}. */
    public static Pool globalMaxPool2d() {
        return new Pool(Kind.GLOBAL_MAX, 2, null, false);
    }

    /** Mean over the plane: {@code [N, C, H, W] -> [N, C]}. */
    public static Pool globalAvgPool2d() {
        return new Pool(Kind.GLOBAL_AVG, 2, null, false);
    }

    /** This global pooling keeping the pooled axes with size 1. */
    public Pool keepDims() {
        if (spec != null) {
            throw new IllegalStateException(name() + ": only global pooling keeps dimensions");
        }
        return new Pool(kind, axes, null, true);
    }

    /**
     * This pool's geometry when it is a (non-global) max pool over {@code axes} spatial axes, else null: what
     * {@link Sequential} needs to fuse it with the convolution and ReLU before it.
     */
    PoolSpec maxPoolSpec(int axes) {
        return kind == Kind.MAX && this.axes == axes ? spec : null;
    }

    @Override
    public Var forward(Var x) {
        checkInputShape(x.value().shape());
        switch (kind) {
            case GLOBAL_MAX:
                return x.max(spatialAxes(), keepDims);
            case GLOBAL_AVG:
                return x.mean(spatialAxes(), keepDims);
            default: {
                Var x4 = axes == 1 ? x.unsqueeze(2) : x;
                Var y = kind == Kind.MAX ? VarConv.maxPool2dValues(x4, spec) : VarConv.avgPool2d(x4, spec);
                return axes == 1 ? y.squeeze(2) : y;
            }
        }
    }

    private int[] spatialAxes() {
        return axes == 1 ? new int[] {2} : new int[] {2, 3};
    }

    /** The checks of {@link #forward} on an input of this shape (a fused caller's, before it has the tensor). */
    void checkInputShape(int[] shape) {
        if (shape.length != 2 + axes) {
            throw new ShapeException(name() + ": input " + Shape.str(shape) + " must have rank " + (2 + axes)
                    + (axes == 1 ? " [N, C, L]" : " [N, C, H, W]"));
        }
        for (int a = 2; a < shape.length; a++) {
            if (shape[a] < 1) {
                throw new ShapeException(name() + ": input " + Shape.str(shape) + " has an empty spatial axis " + a);
            }
        }
        if (spec != null) {
            int oh = axes == 1 ? 1 : spec.outH(shape[2]);
            int ow = spec.outW(shape[shape.length - 1]);
            if (oh < 1 || ow < 1) {
                throw new ShapeException(name() + ": input " + Shape.str(shape) + " is smaller than the window");
            }
        }
    }

    /** The layer's name with its geometry, as its error messages give it. */
    String name() {
        String base = kind == Kind.MAX ? "MaxPool" : kind == Kind.AVG ? "AvgPool" : kind == Kind.GLOBAL_MAX ? "GlobalMaxPool" : "GlobalAvgPool";
        return base + axes + "d(" + describe() + ")";
    }

    @Override
    protected String describe() {
        if (spec == null) {
            return keepDims ? "keep dims" : "";
        }
        String k = axes == 1 ? "k=" + spec.kernelW() + ", stride " + spec.strideW() + ", padding " + spec.padW()
                : "k=" + spec.kernelH() + "x" + spec.kernelW() + ", stride " + spec.strideH() + "x" + spec.strideW()
                + ", padding " + spec.padH() + "x" + spec.padW();
        if (kind == Kind.MAX && (spec.dilationW() != 1 || spec.dilationH() != 1)) {
            k += ", dilation " + (axes == 1 ? "" + spec.dilationW() : spec.dilationH() + "x" + spec.dilationW());
        }
        if (kind == Kind.AVG && !spec.countIncludePad()) {
            k += ", exclude pad";
        }
        return spec.ceilMode() ? k + ", ceil" : k;
    }
}
