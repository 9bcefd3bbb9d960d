package astrograd.layers;

import astrograd.tensor.Rng;

/**
 * 1-d convolution (cross-correlation, as PyTorch's {@code nn.Conv1d}) of x {@code [N, in, L]}:
 * {@code y[n, o, t] = bias[o] + Σ_{c, j} weight[o, c, j] · xp[n, g·in/G + c, t·s + j·d]}, where xp is x
 * padded by {@link ConvPadding} (zeros, or wrap-around for circular padding, which may exceed L) and g the
 * group of o; output length {@code floor((L + before + after - d(k-1) - 1) / s) + 1}. Parameters
 * {@code weight [out, in/G, k]} and {@code bias [out]} as PyTorch names and initializes them.
 */
public final class Conv1d extends ConvLayer {
    /** Stride 1, no padding, a bias, F32. */
    public Conv1d(int in, int out, int kernel, Rng rng) {
        this(in, out, kernel, ConvOptions.defaults(), rng);
    }

    public Conv1d(int in, int out, int kernel, ConvOptions options, Rng rng) {
        super("Conv1d", in, out, new int[] {kernel}, options, rng);
    }
}
