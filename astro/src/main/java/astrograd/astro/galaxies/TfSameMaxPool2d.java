package astrograd.astro.galaxies;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.ops.PoolSpec;

/**
 * Max pooling with TensorFlow's {@code padding='SAME'}: {@code out = ceil(in / stride)} per spatial axis of
 * {@code [N, C, H, W]}, the total padding {@code max((out − 1)·stride + k − in, 0)} split with the odd element after
 * (42 → 21 pads 0 before and 1 after; 21 → 11 pads 1 and 1), padded cells never chosen. PyTorch's symmetric padding
 * would shift features by half a pixel. Realized as symmetric padding {@code before} with ceiling mode, which adds
 * the one extra cell after where the split is uneven.
 */
public final class TfSameMaxPool2d extends Module implements Layer {
    private final int kernel;
    private final int stride;

    public TfSameMaxPool2d(int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("TfSameMaxPool2d: kernel and stride must be >= 1, got " + kernel + " and "
                    + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    /** {@code ceil(in / stride)}. */
    public int outSize(int in) {
        return (in + stride - 1) / stride;
    }

    /** Padding before the first cell: half the total, rounded down. */
    int padBefore(int in) {
        return Math.max((outSize(in) - 1) * stride + kernel - in, 0) / 2;
    }

    @Override
    public Var forward(Var x) {
        int[] s = x.value().shape();
        if (s.length != 4) {
            throw new ShapeException("TfSameMaxPool2d: input " + Shape.str(s) + " must be [N, C, H, W]");
        }
        PoolSpec spec = new PoolSpec(kernel, kernel, stride, stride, padBefore(s[2]), padBefore(s[3]), 1, 1, true, true);
        Var y = VarConv.maxPool2dValues(x, spec);
        int[] out = y.value().shape();
        if (out[2] != outSize(s[2]) || out[3] != outSize(s[3])) {
            throw new IllegalStateException("TfSameMaxPool2d: " + Shape.str(s) + " pooled to " + Shape.str(out));
        }
        return y;
    }

    @Override
    public String toString() {
        return "TfSameMaxPool2d(" + kernel + ", stride " + stride + ")";
    }
}
