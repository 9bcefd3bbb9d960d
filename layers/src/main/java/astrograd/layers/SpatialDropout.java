package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import java.util.Arrays;

/**
 * Channel-wise (spatial) inverted dropout, PyTorch's {@code Dropout1d/2d/3d} and Keras's
 * {@code SpatialDropout}: for an input {@code [N, C, ...]} whole channels are kept with probability
 * {@code 1 − p}, {@code y[n, c, ...] = x[n, c, ...] · m[n, c] / (1 − p)}; identity in evaluation. Neighbouring
 * activations of a feature map are strongly correlated, so dropping single elements regularizes little.
 */
public final class SpatialDropout extends Module implements Layer {
    private final double p;

    public SpatialDropout(double p, Rng rng) {
        this.p = Dropout.checkRate("SpatialDropout", p);
        stream("mask", rng.split());
    }

    public double p() {
        return p;
    }

    @Override
    public Var forward(Var x) {
        int[] shape = x.value().shape();
        if (shape.length < 3) {
            throw new ShapeException("SpatialDropout(p=" + p + "): input " + Shape.str(shape)
                    + " must be [N, C, ...] with at least one spatial axis");
        }
        if (!isTraining() || p == 0) {
            return x;
        }
        return Dropout.applyMask(x, channelMaskShape(shape), p, stream("mask"));
    }

    /** {@code [N, C, 1, ..., 1]}. */
    static int[] channelMaskShape(int[] shape) {
        int[] mask = Arrays.copyOf(shape, shape.length);
        Arrays.fill(mask, 2, mask.length, 1);
        return mask;
    }

    @Override
    protected String describe() {
        return "p=" + p;
    }
}
