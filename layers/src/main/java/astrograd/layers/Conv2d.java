package astrograd.layers;

import astrograd.tensor.Rng;

/**
 * 2-d convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) of x {@code [N, in, H, W]}:
 * {@code y[n, o, i, j] = bias[o] + Σ_{c, u, v} weight[o, c, u, v] · xp[n, g·in/G + c, i·sh + u·dh, j·sw + v·dw]},
 * where xp is x padded by {@link ConvPadding} and g the group of o; per axis the output size is
 * {@code floor((in + before + after - d(k-1) - 1) / s) + 1}. Parameters {@code weight [out, in/G, kh, kw]}
 * and {@code bias [out]} as PyTorch names and initializes them.
 */
public final class Conv2d extends ConvLayer {
    /** A square kernel, stride 1, no padding, a bias, F32. */
    public Conv2d(int in, int out, int kernel, Rng rng) {
        this(in, out, kernel, kernel, ConvOptions.defaults(), rng);
    }

    /** A square kernel. */
    public Conv2d(int in, int out, int kernel, ConvOptions options, Rng rng) {
        this(in, out, kernel, kernel, options, rng);
    }

    public Conv2d(int in, int out, int kernelH, int kernelW, ConvOptions options, Rng rng) {
        super("Conv2d", in, out, new int[] {kernelH, kernelW}, options, rng);
    }
}
