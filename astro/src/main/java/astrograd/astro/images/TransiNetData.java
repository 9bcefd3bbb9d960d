package astrograd.astro.images;

import astrograd.layers.data.Dataset;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * How image pairs become TransiNet tensors, and the synthetic training set. Each image has its median background
 * subtracted and both are divided by the science image's robust noise σ (MAD), so inputs and target are in units of
 * the science noise and fluxes stay linear; the network's output times that σ is in the science image's flux units.
 */
public final class TransiNetData implements Dataset {
    private final SurveySimulator simulator;
    private final long offset;
    private final int size;

    /** Pairs {@code offset … offset + size − 1} of {@code simulator}, generated when a batch asks for them. */
    public TransiNetData(SurveySimulator simulator, long offset, int size) {
        if (simulator.config().size() % 64 != 0) {
            throw new IllegalArgumentException("TransiNetData: image size " + simulator.config().size()
                    + " must be a multiple of 64");
        }
        this.simulator = simulator;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    /** [inputs [B, 2, S, S], targets [B, 1, S, S]] as F32. */
    @Override
    public List<Tensor> batch(Tensor indices) {
        long[] idx = indices.to(DType.I64).contiguous().toLongArray();
        int s = simulator.config().size();
        int plane = s * s;
        float[] in = new float[idx.length * 2 * plane];
        float[] out = new float[idx.length * plane];
        for (int b = 0; b < idx.length; b++) {
            SurveyPair p = simulator.pair(offset + idx[b]);
            double scale = fill(p.reference(), p.science(), in, b * 2 * plane);
            double[] t = p.truth().pixels();
            for (int i = 0; i < plane; i++) {
                out[b * plane + i] = (float) (t[i] / scale);
            }
        }
        return List.of(Tensor.of(in, idx.length, 2, s, s), Tensor.of(out, idx.length, 1, s, s));
    }

    /**
     * Writes the normalised reference then science planes of one pair (each {@code W·H}) into {@code dest} at
     * {@code at}; returns the scale σ_n they were divided by.
     */
    public static double fill(Image reference, Image science, float[] dest, int at) {
        reference.requireSameSize("TransiNet input", science);
        double scale = Robust.sigma(science.pixels());
        if (!(scale > 0)) {
            throw new IllegalArgumentException("TransiNet input: the science image has zero robust noise (constant?)");
        }
        int plane = science.pixels().length;
        double[] r = Robust.backgroundSubtracted(reference).pixels();
        double[] n = Robust.backgroundSubtracted(science).pixels();
        for (int i = 0; i < plane; i++) {
            dest[at + i] = (float) (r[i] / scale);
            dest[at + plane + i] = (float) (n[i] / scale);
        }
        return scale;
    }
}
