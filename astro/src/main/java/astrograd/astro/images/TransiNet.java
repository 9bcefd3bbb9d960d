package astrograd.astro.images;

import astrograd.autodiff.Var;
import astrograd.layers.Conv2d;
import astrograd.layers.ConvOptions;
import astrograd.layers.ConvPadding;
import astrograd.layers.ConvTranspose2d;
import astrograd.layers.Init;
import astrograd.layers.LeakyReluOp;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TransiNet (Sedaghat &amp; Mahabal 2018): a FlowNetS-style encoder–decoder from a stacked reference/science pair
 * {@code [N, 2, H, W]} (H, W multiples of 64) to the transient-only image. Encoder: ten convolutions (7×7/2, 5×5/2,
 * 5×5/2, 3×3/1, then 3×3 with strides 2, 1, 2, 1, 2, 1), padding (k−1)/2, LeakyReLU(0.1) (the fused
 * {@link LeakyReluOp}). Decoder, for l = 5 … 0:
 * <pre>
 *   predict_{l+1} = Conv3×3(concat_{l+1} → 1)            (concat_6 = conv6_1)
 *   up_{l+1}      = ConvT4×4/2(predict_{l+1}: 1 → 1)
 *   deconv_l      = LeakyReLU(ConvT4×4/2(concat_{l+1} → C_l))
 *   concat_l      = [skip_l, deconv_l, up_{l+1}]          (skip_0 = the raw 2-channel input)
 * </pre>
 * and {@code predict_0 = Conv3×3(concat_0 → 1)}, the difference image at full resolution. {@link #forward} returns
 * {@code predict_0 … predict_6} (resolutions H, H/2, …, H/64). Weights: MSRA (He normal, fan-in, LeakyReLU gain),
 * zero biases; the 1 → 1 up-convolutions start as bilinear upsampling. The deploy prototxt's final ×0.01 is left
 * out: our targets are in units of the science noise.
 */
public final class TransiNet extends Module {
    /** Decoder skip sources: encoder index per level 5 … 1 (conv5_1, conv4_1, conv3_1, conv2, conv1). */
    private static final int[] SKIP = {7, 5, 3, 1, 0};
    private static final int[] KERNELS = {7, 5, 5, 3, 3, 3, 3, 3, 3, 3};
    private static final int[] STRIDES = {2, 2, 2, 1, 2, 1, 2, 1, 2, 1};
    private static final double SLOPE = 0.1;

    private final TransiNetConfig config;
    private final List<Conv2d> encoder = new ArrayList<>();
    private final List<Conv2d> predict = new ArrayList<>();
    private final List<ConvTranspose2d> up = new ArrayList<>();
    private final List<ConvTranspose2d> deconv = new ArrayList<>();

    public TransiNet(TransiNetConfig config, Rng rng) {
        this.config = config;
        int in = 2;
        for (int i = 0; i < KERNELS.length; i++) {
            int k = KERNELS[i];
            ConvOptions o = ConvOptions.defaults().stride(STRIDES[i], STRIDES[i])
                    .padding(ConvPadding.symmetric((k - 1) / 2, (k - 1) / 2)).dtype(config.dtype());
            encoder.add(module("conv" + i, msra(new Conv2d(in, config.encoder(i), k, o, rng), SLOPE, rng)));
            in = config.encoder(i);
        }
        int concat = in;
        for (int level = 5; level >= 0; level--) {
            int d = 5 - level;
            predict.add(module("predict" + (level + 1), msra(conv3(concat, rng), 1.0, rng)));
            ConvOptions t = ConvOptions.defaults().stride(2, 2).padding(ConvPadding.symmetric(1, 1))
                    .dtype(config.dtype());
            ConvTranspose2d u = module("up" + (level + 1), new ConvTranspose2d(1, 1, 4, 4, t, rng));
            u.weight().set(bilinear(config));
            u.bias().set(Init.zeros(config.dtype(), 1));
            up.add(u);
            ConvTranspose2d dc = new ConvTranspose2d(concat, config.decoder(d), 4, 4, t, rng);
            deconv.add(module("deconv" + level, msra(dc, SLOPE, rng)));
            int skip = level == 0 ? 2 : config.encoder(SKIP[d]);
            concat = skip + config.decoder(d) + 1;
        }
        predict.add(module("predict0", msra(conv3(concat, rng), 1.0, rng)));
    }

    public TransiNetConfig config() {
        return config;
    }

    private Conv2d conv3(int in, Rng rng) {
        return new Conv2d(in, 1, 3, ConvOptions.defaults().padding(ConvPadding.symmetric(1, 1))
                .dtype(config.dtype()), rng);
    }

    private static Conv2d msra(Conv2d layer, double slope, Rng rng) {
        msra(layer.weight(), layer.bias(), slope, rng);
        return layer;
    }

    private static ConvTranspose2d msra(ConvTranspose2d layer, double slope, Rng rng) {
        msra(layer.weight(), layer.bias(), slope, rng);
        return layer;
    }

    /** MSRA init: {@code w ~ N(0, 2 / ((1 + slope²) fan_in))}, zero bias. */
    private static void msra(Parameter w, Parameter b, double slope, Rng rng) {
        w.set(Init.heNormal(rng, w.value().dtype(), slope, true, w.value().shape()));
        b.set(Init.zeros(b.value().dtype(), b.value().shape()));
    }

    /** The 4×4 stride-2 bilinear upsampling kernel {@code (1 − |u − 1.5|/2)(1 − |v − 1.5|/2)}. */
    private static Tensor bilinear(TransiNetConfig config) {
        double[] k = new double[16];
        for (int v = 0; v < 4; v++) {
            for (int u = 0; u < 4; u++) {
                k[v * 4 + u] = (1 - Math.abs(u - 1.5) / 2) * (1 - Math.abs(v - 1.5) / 2);
            }
        }
        return Tensor.of(k, 1, 1, 4, 4).to(config.dtype());
    }

    /** {@code [predict_0, …, predict_6]}, each {@code [N, 1, H/2^l, W/2^l]}. */
    public List<Var> forward(Var x) {
        int[] s = x.value().shape();
        if (s.length != 4 || s[1] != 2 || s[2] % 64 != 0 || s[3] % 64 != 0 || s[2] == 0 || s[3] == 0) {
            throw new ShapeException("TransiNet: input " + Shape.str(s)
                    + " must be [N, 2, H, W] (reference, science) with H and W positive multiples of 64");
        }
        List<Var> features = new ArrayList<>();
        Var h = x;
        for (Conv2d c : encoder) {
            h = LeakyReluOp.apply(c.forward(h), SLOPE);
            features.add(h);
        }
        Var[] predictions = new Var[7];
        Var concat = h;
        for (int level = 5; level >= 0; level--) {
            int d = 5 - level;
            Var p = predict.get(d).forward(concat);
            predictions[level + 1] = p;
            Var upsampled = up.get(d).forward(p);
            Var dec = LeakyReluOp.apply(deconv.get(d).forward(concat), SLOPE);
            Var skip = level == 0 ? x : features.get(SKIP[d]);
            concat = Var.cat(1, skip, dec, upsampled);
        }
        predictions[0] = predict.get(6).forward(concat);
        return Arrays.asList(predictions);
    }

    @Override
    protected String describe() {
        return "TransiNet(width factor " + config.widthFactor() + ", " + parameterCount() + " parameters)";
    }
}
