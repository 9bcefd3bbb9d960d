package astrograd.tensor.ops;

/**
 * Geometry of 2-d pooling over NCHW input (1-d pooling uses H = 1, kernelH = 1). Padding is symmetric per
 * axis as in PyTorch and must not exceed half the kernel. Output size per axis:
 * {@code floor((in + 2*pad - dilation*(k-1) - 1) / stride) + 1}, or the ceiling with {@code ceilMode}
 * (a window must start inside the input or left padding).
 */
public record PoolSpec(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW, boolean ceilMode, boolean countIncludePad) {

    public PoolSpec {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("pool: kernel, stride and dilation must be >= 1, got kernel ("
                    + kernelH + ", " + kernelW + "), stride (" + strideH + ", " + strideW + "), dilation ("
                    + dilationH + ", " + dilationW + ")");
        }
        if (padH < 0 || padW < 0 || 2 * padH > kernelH || 2 * padW > kernelW) {
            throw new IllegalArgumentException("pool: padding (" + padH + ", " + padW
                    + ") must be >= 0 and at most half the kernel (" + kernelH + ", " + kernelW + ")");
        }
    }

    /** Output height for input height h. */
    public int outH(int h) {
        return outSize(h, kernelH, strideH, padH, dilationH);
    }

    /** Output width for input width w. */
    public int outW(int w) {
        return outSize(w, kernelW, strideW, padW, dilationW);
    }

    private int outSize(int in, int k, int s, int p, int d) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceilMode ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s)) + 1;
        if (ceilMode && (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }
}
