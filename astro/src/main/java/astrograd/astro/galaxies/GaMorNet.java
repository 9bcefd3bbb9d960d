package astrograd.astro.galaxies;

import astrograd.autodiff.Var;
import astrograd.layers.Conv2d;
import astrograd.layers.ConvOptions;
import astrograd.layers.ConvPadding;
import astrograd.layers.Dropout;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.LocalResponseNorm;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * GaMorNet (Ghosh et al. 2020), the AlexNet-style bulge/disk classifier, as its TFLearn implementation builds it
 * (input {@code [N, 1, S, S]}, S = 167 for SDSS or 83 for CANDELS; TensorFlow 'SAME' padding throughout):
 * <pre>
 *   conv1  96, 11×11, stride 4, ReLU → maxpool 3/2 → LRN
 *   conv2 256, 5×5, ReLU            → maxpool 3/2 → LRN
 *   conv3 384, 3×3, ReLU;  conv4 384, 3×3, ReLU;  conv5 256, 3×3, ReLU → maxpool 3/2 → LRN
 *   fc1 4096, tanh → dropout 0.5;  fc2 4096, tanh → dropout 0.5;  fc3 3 (logits of disk, indeterminate, bulge)
 * </pre>
 * LRN is TensorFlow's {@code local_response_normalization(depth_radius 5, bias 1, alpha 1e−4, beta 0.75)}: a window
 * of 11 channels, alpha not divided by the window. Spatial sizes 167 → 42 → 21 → 21 → 11 → 11 → 6 (83 → 21 → 11 →
 * 11 → 6 → 6 → 3); 58 270 403 parameters for SDSS and 29 958 851 for CANDELS at full width. {@code width} scales
 * every channel and hidden count (rounded, at least 1) for CPU-sized runs. Layers are named {@code conv1..conv5,
 * fc1..fc3} (the paper's trainable layers 2, 5, 8, 9, 10, 13, 15, 17) for loading and freezing by name.
 *
 * <p>Initialization as TFLearn's defaults: convolutions uniform on {@code ±√(3/fanIn)} ("uniform_scaling"), dense
 * layers N(0, 0.02²) redrawn beyond 2σ ("truncated_normal"), zero biases.
 */
public final class GaMorNet extends Module implements Layer {
    /** Names of the trainable layers, in order. */
    public static final String[] LAYERS = {"conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3"};
    /** Classes of the output, in order. */
    public static final String[] CLASSES = {"disk", "indeterminate", "bulge"};

    private final int size;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d conv3;
    private final Conv2d conv4;
    private final Conv2d conv5;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;
    private final TfSameMaxPool2d pool = new TfSameMaxPool2d(3, 2);
    private final LocalResponseNorm lrn = LocalResponseNorm.tensorflow(5, 1.0, 1e-4, 0.75);
    private final Dropout drop1;
    private final Dropout drop2;

    /**
     * @param size  input height and width (167 or 83 in the paper; any size >= 11)
     * @param width channel and hidden-unit scale (1 = the paper's)
     */
    public GaMorNet(int size, double width, Rng rng) {
        if (size < 11 || !(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("GaMorNet: need size >= 11 and width > 0, got " + size + " and " + width);
        }
        this.size = size;
        int c1 = scaled(96, width);
        int c2 = scaled(256, width);
        int c3 = scaled(384, width);
        int hidden = scaled(4096, width);
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.sameTf());
        conv1 = module("conv1", new Conv2d(1, c1, 11, same.stride(4), rng));
        conv2 = module("conv2", new Conv2d(c1, c2, 5, same, rng));
        conv3 = module("conv3", new Conv2d(c2, c3, 3, same, rng));
        conv4 = module("conv4", new Conv2d(c3, c3, 3, same, rng));
        conv5 = module("conv5", new Conv2d(c3, c2, 3, same, rng));
        int s = spatialSizes(size)[6];
        fc1 = module("fc1", new Linear(c2 * s * s, hidden, rng));
        fc2 = module("fc2", new Linear(hidden, hidden, rng));
        fc3 = module("fc3", new Linear(hidden, CLASSES.length, rng));
        drop1 = module("drop1", new Dropout(0.5, rng.split()));
        drop2 = module("drop2", new Dropout(0.5, rng.split()));
        initialize(rng);
    }

    private static int scaled(int n, double width) {
        return Math.max(1, (int) Math.round(n * width));
    }

    /** Spatial size after input, conv1, pool1, conv2, pool2, conv3–5, pool3: TensorFlow SAME, ceil(in/stride). */
    public static int[] spatialSizes(int size) {
        int a = (size + 3) / 4;
        int b = (a + 1) / 2;
        int c = (b + 1) / 2;
        int d = (c + 1) / 2;
        return new int[] {size, a, b, b, c, c, d};
    }

    private void initialize(Rng rng) {
        for (Conv2d c : new Conv2d[] {conv1, conv2, conv3, conv4, conv5}) {
            int[] w = c.weight().value().shape();
            int fanIn = w[1] * w[2] * w[3];
            c.weight().set(rng.uniform(DType.F32, -Math.sqrt(3.0 / fanIn), Math.sqrt(3.0 / fanIn), w));
            c.bias().set(Tensor.zeros(DType.F32, w[0]));
        }
        for (Linear l : new Linear[] {fc1, fc2, fc3}) {
            l.weight().set(truncatedNormal(rng, 0.02, l.weight().value().shape()));
            l.bias().set(Tensor.zeros(DType.F32, l.bias().value().shape()));
        }
    }

    /** N(0, σ²) with every draw beyond 2σ drawn again. */
    static Tensor truncatedNormal(Rng rng, double sigma, int... shape) {
        float[] out = new float[Shape.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            double z;
            do {
                z = rng.nextGaussian();
            } while (Math.abs(z) > 2);
            out[i] = (float) (sigma * z);
        }
        return Tensor.of(out, shape);
    }

    /** The logits {@code [N, 3]} of {@code x [N, 1, S, S]}. */
    @Override
    public Var forward(Var x) {
        int[] s = x.value().shape();
        if (s.length != 4 || s[1] != 1 || s[2] != size || s[3] != size) {
            throw new ShapeException("GaMorNet: input " + Shape.str(s) + " must be [N, 1, " + size + ", " + size + "]");
        }
        return head(features(x));
    }

    /** The flattened output of the convolutional part (after the third pooling and LRN), {@code [N, C·6·6]}. */
    public Var features(Var x) {
        Var h = lrn.forward(pool.forward(conv1.forward(x).relu()));
        h = lrn.forward(pool.forward(conv2.forward(h).relu()));
        h = conv5.forward(conv4.forward(conv3.forward(h).relu()).relu()).relu();
        h = lrn.forward(pool.forward(h));
        return h.reshape(h.value().size(0), -1);
    }

    private Var head(Var f) {
        Var h = drop1.forward(fc1.forward(f).tanh());
        h = drop2.forward(fc2.forward(h).tanh());
        return fc3.forward(h);
    }

    /** The parameters of layer {@code name} (one of {@link #LAYERS}). */
    public java.util.Map<String, Parameter> layerParameters(String name) {
        java.util.Map<String, Parameter> out = new java.util.LinkedHashMap<>();
        namedParameters().forEach((k, p) -> {
            if (k.startsWith(name + ".")) {
                out.put(k, p);
            }
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("GaMorNet: no layer '" + name + "'; layers are "
                    + String.join(", ", LAYERS));
        }
        return out;
    }

    public int inputSize() {
        return size;
    }

    /**
     * Parameters of a GaMorNet of this input size and width, counted from the layer shapes: weights and biases of
     * the five convolutions and three dense layers.
     */
    public static long parameterCount(int size, double width) {
        long c1 = scaled(96, width);
        long c2 = scaled(256, width);
        long c3 = scaled(384, width);
        long hidden = scaled(4096, width);
        long s = spatialSizes(size)[6];
        long convs = (121 * c1 + c1) + (25 * c1 * c2 + c2) + (9 * c2 * c3 + c3) + (9 * c3 * c3 + c3) + (9 * c3 * c2 + c2);
        long dense = (c2 * s * s * hidden + hidden) + (hidden * hidden + hidden) + (hidden * 3 + 3);
        return convs + dense;
    }

    /**
     * The paper's decision from class probabilities {@code [disk, indeterminate, bulge]}: disk (0) if P(disk) ≥
     * {@code threshold}, bulge (2) if P(bulge) ≥ {@code threshold}, else indeterminate (1). TFLearn's SDSS models use
     * 0.8.
     */
    public static int decide(double[] probabilities, double threshold) {
        if (probabilities.length != 3) {
            throw new IllegalArgumentException("GaMorNet.decide: need 3 probabilities, got " + probabilities.length);
        }
        if (probabilities[0] >= threshold) {
            return 0;
        }
        return probabilities[2] >= threshold ? 2 : 1;
    }
}
