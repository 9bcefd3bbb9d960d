package astrograd.tensor.ops;

/**
 * Geometry of a 2-d convolution over NCHW input (1-d convolutions use H = 1 with no height padding).
 * Padding is explicit per side; {@code outputPadH/W} only apply to transposed convolutions.
 *
 * <p>Output size of the forward convolution along one axis:
 * {@code out = floor((in + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1};
 * of the transposed convolution: {@code out = (in-1)*stride - padBefore - padAfter + dilation*(k-1) + outputPad + 1}.
 */
public record ConvSpec(int strideH, int strideW, int padTop, int padBottom, int padLeft, int padRight,
                       int dilationH, int dilationW, int groups, int outputPadH, int outputPadW) {

    public ConvSpec {
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("conv: stride must be >= 1, got (" + strideH + ", " + strideW + ")");
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("conv: dilation must be >= 1, got (" + dilationH + ", " + dilationW + ")");
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("conv: padding must be >= 0, got (" + padTop + ", " + padBottom
                    + ", " + padLeft + ", " + padRight + ")");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("conv: groups must be >= 1, got " + groups);
        }
        if (outputPadH < 0 || outputPadW < 0) {
            throw new IllegalArgumentException("conv: output padding must be >= 0");
        }
    }

    /** Stride 1, no padding, dilation 1, one group. */
    public static ConvSpec defaults() {
        return new ConvSpec(1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0);
    }

    /** Forward output size along H for input height h and kernel height kh. */
    public int outH(int h, int kh) {
        return Math.floorDiv(h + padTop + padBottom - dilationH * (kh - 1) - 1, strideH) + 1;
    }

    /** Forward output size along W for input width w and kernel width kw. */
    public int outW(int w, int kw) {
        return Math.floorDiv(w + padLeft + padRight - dilationW * (kw - 1) - 1, strideW) + 1;
    }

    /** Transposed-convolution output size along H. */
    public int transposedOutH(int h, int kh) {
        return (h - 1) * strideH - padTop - padBottom + dilationH * (kh - 1) + outputPadH + 1;
    }

    /** Transposed-convolution output size along W. */
    public int transposedOutW(int w, int kw) {
        return (w - 1) * strideW - padLeft - padRight + dilationW * (kw - 1) + outputPadW + 1;
    }
}
