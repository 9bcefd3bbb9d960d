package astrograd.astro.images;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;

/**
 * A trained {@link TransiNet} as a differencing method: the pair is normalised as in training
 * ({@link TransiNetData#fill}), zero-padded up to a multiple of 64, and {@code predict_0 · σ_n} is the transient
 * image in science flux units. Detection significance is {@code predict_0 / max(σ_MAD(predict_0), floor)}: the
 * spec's robust noise of the output, with a floor (in science-noise units) because a clean output has almost no
 * scatter. Flux is measured by aperture sums on the transient image.
 */
public final class TransiNetDifference {
    /** The default significance floor: an output scatter below 0.05 σ_n counts as 0.05 σ_n. */
    public static final double DEFAULT_FLOOR = 0.05;

    private final TransiNet model;
    private final double floor;

    public TransiNetDifference(TransiNet model, double floor) {
        this.model = model;
        this.floor = floor;
    }

    public DifferenceResult difference(Image reference, Image science) {
        reference.requireSameSize("transinet", science);
        int w = science.width();
        int h = science.height();
        int pw = (w + 63) / 64 * 64;
        int ph = (h + 63) / 64 * 64;
        float[] plain = new float[2 * w * h];
        double scale = TransiNetData.fill(reference, science, plain, 0);
        float[] padded = new float[2 * pw * ph];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(plain, c * w * h + y * w, padded, c * pw * ph + y * pw, w);
            }
        }
        float[] out;
        model.eval();
        try (GradMode.Scope g = GradMode.noGrad(); TensorScope scope = TensorScope.open()) {
            Var p0 = model.forward(Var.constant(Tensor.of(padded, 1, 2, ph, pw))).get(0);
            out = p0.value().contiguous().toFloatArray();
        }
        double[] unit = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                unit[y * w + x] = out[y * pw + x];
            }
        }
        Image raw = new Image(w, h, unit);
        double sigma = Math.max(Robust.sigma(unit), floor);
        return new DifferenceResult(raw.affine(scale, 0), raw.affine(1 / sigma, 0), raw.affine(scale, 0), false);
    }
}
