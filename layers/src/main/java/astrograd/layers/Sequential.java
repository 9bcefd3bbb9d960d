package astrograd.layers;

import astrograd.autodiff.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied in order; submodules are named "0", "1", ... as in PyTorch's {@code nn.Sequential}. A
 * {@link Conv1d} or {@link Conv2d} followed by {@link Activation#relu()} runs as one fused op
 * ({@link ConvLayer#forwardRelu}): the same values and gradients, bit for bit, without keeping the
 * pre-activation or reading it back from memory. When a max {@link Pool} follows the ReLU, the three run as
 * {@link ConvLayer#forwardReluMaxPool}: while no gradient is recorded (inference) each block of convolution
 * outputs is pooled while in cache.
 */
public final class Sequential extends Module implements Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends a layer (which must be a {@link Module}). */
    public Sequential add(Layer layer) {
        if (!(layer instanceof Module)) {
            throw new IllegalArgumentException("Sequential: layer " + layers.size() + " (" + layer.getClass().getSimpleName()
                    + ") must be a Module");
        }
        module(Integer.toString(layers.size()), (Module) layer);
        layers.add(layer);
        return this;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public Var forward(Var x) {
        Var h = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof ConvLayer conv && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof Activation a && a.isRelu()) {
                Pool pool = i + 2 < layers.size() && layers.get(i + 2) instanceof Pool p
                        && p.maxPoolSpec(conv.spatialAxes()) != null ? p : null;
                h = pool == null ? conv.forwardRelu(h) : conv.forwardReluMaxPool(h, pool);
                i += pool == null ? 1 : 2;
            } else {
                h = l.forward(h);
            }
        }
        return h;
    }
}
