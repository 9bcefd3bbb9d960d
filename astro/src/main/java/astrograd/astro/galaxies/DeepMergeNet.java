package astrograd.astro.galaxies;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.BatchNorm;
import astrograd.layers.Conv2d;
import astrograd.layers.ConvOptions;
import astrograd.layers.ConvPadding;
import astrograd.layers.Dropout;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Pool;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * The DeepMerge CNN of DeepMerge II (Ćiprijanović et al. 2021), input {@code [N, 3, 75, 75]}:
 * <pre>
 *   conv1 3→8, 5×5, pad 2 → BatchNorm → ReLU → maxpool 2     (8×37×37)
 *   conv2 8→16, 3×3, pad 1 → BatchNorm → ReLU → maxpool 2    (16×18×18)
 *   conv3 16→32, 3×3, pad 1 → BatchNorm → ReLU → maxpool 2   (32×9×9) → flatten: the 2592 features
 *   fc1 2592→64, ReLU → fc2 64→32, ReLU → fc3 32→2 (logits)
 * </pre>
 * 174 626 parameters. {@link #features} is what MMD and the domain classifier read; {@link #classify} maps features
 * to logits. {@link #domainClassifier} is the released code's {@code AdversarialNetwork}: 2592 → 1024 → ReLU →
 * dropout 0.5 → 1024 → ReLU → dropout 0.5 → 1 logit (source = 1), 3 705 857 parameters.
 */
public final class DeepMergeNet extends Module implements Layer {
    /** Side of the input images. */
    public static final int SIZE = 75;
    /** Length of the feature vector. */
    public static final int FEATURES = 32 * 9 * 9;

    private final Sequential convs;
    private final Sequential head;

    public DeepMergeNet(Rng rng) {
        convs = module("convs", new Sequential(
                block(3, 8, 5, 2, rng), block(8, 16, 3, 1, rng), block(16, 32, 3, 1, rng)));
        head = module("head", new Sequential(new Linear(FEATURES, 64, rng), Activation.relu(), new Linear(64, 32, rng),
                Activation.relu(), new Linear(32, 2, rng)));
    }

    private static Sequential block(int in, int out, int kernel, int pad, Rng rng) {
        ConvOptions options = ConvOptions.defaults().padding(ConvPadding.symmetric(pad, pad));
        return new Sequential(new Conv2d(in, out, kernel, options, rng), BatchNorm.batchNorm2d(out), Activation.relu(),
                Pool.maxPool2d(2));
    }

    /** The flattened convolutional features {@code [N, 2592]} of {@code x [N, 3, 75, 75]}. */
    public Var features(Var x) {
        int[] s = x.value().shape();
        if (s.length != 4 || s[1] != 3 || s[2] != SIZE || s[3] != SIZE) {
            throw new ShapeException("DeepMergeNet: input " + Shape.str(s) + " must be [N, 3, 75, 75]");
        }
        Var h = convs.forward(x);
        return h.reshape(s[0], FEATURES);
    }

    /** Logits {@code [N, 2]} (non-merger, merger) from features. */
    public Var classify(Var features) {
        return head.forward(features);
    }

    @Override
    public Var forward(Var x) {
        return classify(features(x));
    }

    /**
     * The domain classifier on the 2592 features, with the released code's initialization: N(0, 0.01²) for the two
     * hidden layers, N(0, 0.3²) for the output, zero biases.
     */
    public static Sequential domainClassifier(Rng rng) {
        Linear a = new Linear(FEATURES, 1024, rng);
        Linear b = new Linear(1024, 1024, rng);
        Linear c = new Linear(1024, 1, rng);
        double[] std = {0.01, 0.01, 0.3};
        Linear[] layers = {a, b, c};
        for (int i = 0; i < 3; i++) {
            layers[i].weight().set(rng.normal(DType.F32, 0, std[i], layers[i].weight().value().shape()));
            layers[i].bias().set(Tensor.zeros(DType.F32,
                    layers[i].bias().value().shape()));
        }
        return new Sequential(a, Activation.relu(), new Dropout(0.5, rng.split()), b, Activation.relu(),
                new Dropout(0.5, rng.split()), c);
    }
}
