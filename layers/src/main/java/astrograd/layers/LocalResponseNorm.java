package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.ops.PadMode;

/**
 * Cross-channel local response normalization (Krizhevsky et al. 2012) in the <b>TensorFlow convention</b>
 * ({@code tf.nn.local_response_normalization}), over channel axis 1 of an input {@code [N, C, ...]}:
 * <pre>
 *   b[n, c, ...] = a[n, c, ...] / (bias + alpha · Σ_{c' ∈ window(c)} a[n, c', ...]²)^beta
 * </pre>
 * with the window {@code c − size/2 ≤ c' ≤ c + (size−1)/2} (integer division) clipped to the channels.
 * For odd sizes this is TensorFlow's {@code depth_radius = (size − 1)/2}.
 *
 * <p><b>Difference from PyTorch:</b> {@code torch.nn.LocalResponseNorm(size, alpha, beta, k)} divides
 * alpha by the window size, {@code b = a / (k + alpha/size · Σ a²)^beta}; ours does not. A PyTorch layer
 * with {@code alpha_torch} equals ours with {@code alpha = alpha_torch / size} (see
 * {@link #fromTorch}). Zero padding at the channel ends counts in the sum as zeros, in both.
 */
public final class LocalResponseNorm extends Module implements Layer {
    private final int size;
    private final double bias;
    private final double alpha;
    private final double beta;

    /** A window of {@code size} channels with TensorFlow's un-normalized alpha. */
    public LocalResponseNorm(int size, double bias, double alpha, double beta) {
        if (size < 1 || !(bias > 0) || !(alpha >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("LocalResponseNorm: need size >= 1, bias > 0, alpha >= 0 and finite beta, got size "
                    + size + ", bias " + bias + ", alpha " + alpha + ", beta " + beta);
        }
        this.size = size;
        this.bias = bias;
        this.alpha = alpha;
        this.beta = beta;
    }

    /** TensorFlow's {@code local_response_normalization(depth_radius, bias, alpha, beta)}: window 2r+1. */
    public static LocalResponseNorm tensorflow(int depthRadius, double bias, double alpha, double beta) {
        if (depthRadius < 0) {
            throw new IllegalArgumentException("LocalResponseNorm: depth radius must be >= 0, got " + depthRadius);
        }
        return new LocalResponseNorm(2 * depthRadius + 1, bias, alpha, beta);
    }

    /** The layer equal to PyTorch's {@code nn.LocalResponseNorm(size, alpha, beta, k)}: alpha / size. */
    public static LocalResponseNorm fromTorch(int size, double alpha, double beta, double k) {
        return new LocalResponseNorm(size, k, alpha / size, beta);
    }

    @Override
    public Var forward(Var x) {
        int[] shape = x.value().shape();
        if (shape.length < 2) {
            throw new ShapeException("LocalResponseNorm(" + describe() + "): input " + Shape.str(shape)
                    + " must be [N, C, ...]");
        }
        int channels = shape[1];
        Var padded = x.square().pad(1, size / 2, (size - 1) / 2, PadMode.CONSTANT, 0);
        Var windowSum = padded.narrow(1, 0, channels);
        for (int k = 1; k < size; k++) {
            windowSum = windowSum.add(padded.narrow(1, k, channels));
        }
        Var denominator = windowSum.mul(alpha).add(bias).pow(-beta);
        return x.mul(denominator);
    }

    @Override
    protected String describe() {
        return "size=" + size + ", bias=" + bias + ", alpha=" + alpha + ", beta=" + beta;
    }
}
