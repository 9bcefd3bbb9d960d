package astrograd.autodiff;

import astrograd.tensor.Conv;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;

/**
 * Differentiable convolutions, pooling and unfold/fold on {@link Var}s: the same geometry and validation
 * as {@link Conv} (whose javadoc gives the output-size formulas), with gradients for the input, the
 * weight and the bias (which may be null). 1-d ops run as their 2-d forms with H = 1.
 */
public final class VarConv {
    /** Pooled values and the I64 argmax indices into each input plane (not differentiable). */
    public record Pooled(Var values, Tensor indices) {
    }

    private VarConv() {
    }

    /** 2-d convolution: x {@code [N, C, H, W]}, w {@code [O, C/groups, kh, kw]}, bias {@code [O]} or null. */
    public static Var conv2d(Var x, Var w, Var bias, ConvSpec spec) {
        return ConvRules.conv2d(x, w, bias, spec);
    }

    /**
     * {@code relu(conv2d(x, w, bias, spec))} as one op: the ReLU is applied to each block of outputs just
     * computed (the pre-activation is never kept) and the gradient masks {@code ȳ} where the output is positive.
     * Same values and gradients as the two ops, bit for bit.
     */
    public static Var conv2dRelu(Var x, Var w, Var bias, ConvSpec spec) {
        return ConvRules.conv2dRelu(x, w, bias, spec);
    }

    /**
     * {@code maxPool2dValues(relu(conv2d(x, w, bias, spec)), pool)}. When a gradient is recorded (grad mode on
     * and an input requires one) it is exactly those two differentiable ops; otherwise it is
     * {@link Conv#conv2dReluMaxPool}, which pools each block of convolution outputs while it is in cache. The
     * values are the same bit for bit either way.
     */
    public static Var conv2dReluMaxPool(Var x, Var w, Var bias, ConvSpec spec, PoolSpec pool) {
        if (Var.records(x, w, bias)) {
            return maxPool2dValues(conv2dRelu(x, w, bias, spec), pool);
        }
        return Var.constant(Conv.conv2dReluMaxPool(x.value(), w.value(), bias == null ? null : bias.value(), spec, pool));
    }

    /**
     * {@code maxPool1d(relu(conv1d(x, w, bias, ...)), pool)} values (see {@link #conv2dReluMaxPool}); the pool
     * is a 1-d spec ({@code kernelH = strideH = 1}, no vertical padding).
     */
    public static Var conv1dReluMaxPool(Var x, Var w, Var bias, int stride, int padLeft, int padRight, int dilation,
                                        int groups, PoolSpec pool) {
        ConvSpec spec = conv1dSpec(stride, padLeft, padRight, dilation, groups);
        return conv2dReluMaxPool(x.unsqueeze(2), w.unsqueeze(2), bias, spec, pool).squeeze(2);
    }

    /** The 2-d spec of a 1-d convolution run with H = 1. */
    private static ConvSpec conv1dSpec(int stride, int padLeft, int padRight, int dilation, int groups) {
        return new ConvSpec(1, stride, 0, 0, padLeft, padRight, 1, dilation, groups, 0, 0);
    }

    /** 2-d convolution with PyTorch's int arguments (same stride, padding and dilation on both axes). */
    public static Var conv2d(Var x, Var w, Var bias, int stride, int padding, int dilation, int groups) {
        return conv2d(x, w, bias, new ConvSpec(stride, stride, padding, padding, padding, padding,
                dilation, dilation, groups, 0, 0));
    }

    /** 1-d convolution with explicit per-side padding: x {@code [N, C, L]}, w {@code [O, C/groups, k]}. */
    public static Var conv1d(Var x, Var w, Var bias, int stride, int padLeft, int padRight, int dilation, int groups) {
        ConvSpec spec = conv1dSpec(stride, padLeft, padRight, dilation, groups);
        return conv2d(x.unsqueeze(2), w.unsqueeze(2), bias, spec).squeeze(2);
    }

    /** {@code relu(conv1d(x, w, bias, ...))} as one op (see {@link #conv2dRelu}). */
    public static Var conv1dRelu(Var x, Var w, Var bias, int stride, int padLeft, int padRight, int dilation,
                                 int groups) {
        ConvSpec spec = conv1dSpec(stride, padLeft, padRight, dilation, groups);
        return conv2dRelu(x.unsqueeze(2), w.unsqueeze(2), bias, spec).squeeze(2);
    }

    /** 1-d convolution with a padding rule ({@link Conv.Padding#SAME}, {@link Conv.Padding#SAME_TF}...). */
    public static Var conv1d(Var x, Var w, Var bias, int stride, Conv.Padding padding, int dilation, int groups) {
        int[] p = padding.resolve("conv1d", x.value().size(2), w.value().size(2), stride, dilation);
        return conv1d(x, w, bias, stride, p[0], p[1], dilation, groups);
    }

    /** Transposed 2-d convolution: x {@code [N, C, H, W]}, w {@code [C, O/groups, kh, kw]}. */
    public static Var convTranspose2d(Var x, Var w, Var bias, ConvSpec spec) {
        return ConvRules.convTranspose2d(x, w, bias, spec);
    }

    /** Transposed 1-d convolution: x {@code [N, C, L]}, w {@code [C, O/groups, k]}. */
    public static Var convTranspose1d(Var x, Var w, Var bias, int stride, int padding, int outputPadding,
                                      int dilation, int groups) {
        ConvSpec spec = new ConvSpec(1, stride, 0, 0, padding, padding, 1, dilation, groups, 0, outputPadding);
        return convTranspose2d(x.unsqueeze(2), w.unsqueeze(2), bias, spec).squeeze(2);
    }

    /** 2-d max pooling; indices as {@link Conv#maxPool2d}. */
    public static Pooled maxPool2d(Var x, PoolSpec spec) {
        return ConvRules.maxPool2d(x, spec);
    }

    /**
     * 2-d max pooling, values only: the argmax indices are computed only when the result will be
     * differentiated (grad mode on and x requires a gradient).
     */
    public static Var maxPool2dValues(Var x, PoolSpec spec) {
        if (Var.records(x)) {
            return ConvRules.maxPool2d(x, spec).values();
        }
        return Var.constant(Conv.maxPool2dValues(x.value(), spec));
    }

    /** 1-d max pooling of x {@code [N, C, L]}. */
    public static Pooled maxPool1d(Var x, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        Pooled p = maxPool2d(x.unsqueeze(2), new PoolSpec(1, kernel, 1, stride, 0, padding, 1, dilation, ceilMode, true));
        return new Pooled(p.values().squeeze(2), p.indices().squeeze(2));
    }

    /** 2-d average pooling (dilation 1). */
    public static Var avgPool2d(Var x, PoolSpec spec) {
        return ConvRules.avgPool2d(x, spec);
    }

    /** 1-d average pooling of x {@code [N, C, L]}. */
    public static Var avgPool1d(Var x, int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        return avgPool2d(x.unsqueeze(2), new PoolSpec(1, kernel, 1, stride, 0, padding, 1, 1, ceilMode, countIncludePad))
                .squeeze(2);
    }

    /** im2col (see {@link Conv#unfold}). */
    public static Var unfold(Var x, int kh, int kw, ConvSpec spec) {
        return ConvRules.unfold(x, kh, kw, spec);
    }

    /** col2im (see {@link Conv#fold}). */
    public static Var fold(Var cols, int outH, int outW, int kh, int kw, ConvSpec spec) {
        return ConvRules.fold(cols, outH, outW, kh, kw, spec);
    }
}
