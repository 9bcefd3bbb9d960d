package astrograd.astro.flares;

import astrograd.layers.Conv1d;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.tensor.Conv;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import astrograd.tensor.ops.PoolSpec;

/**
 * Scores every grid cadence of a {@link FlareSeries} part with one {@link FlareNetwork.Input#SERIES} network,
 * running each layer once over the whole series instead of once per window. With the part padded by 105
 * zeros (mask 0) on both sides, the window of cadence {@code k} is the padded series {@code P[k, k + 210)}, and
 * because the network's convolutions are unpadded each of its layers is a slice of one whole-series layer:
 * <pre>
 *   H1 = relu(conv1(P))                          window k, conv1 output j  = H1[k + j]
 *   Q1ρ[v] = max(H1[2v+ρ], H1[2v+ρ+1])           k = 2a + ρ: pool-1 output i = Q1ρ[a + i]
 *   H2ρ = relu(conv2(Q1ρ))                       conv2 output i = H2ρ[a + i]
 *   Q2ρs[w] = max(H2ρ[2w+s], H2ρ[2w+s+1])        a = 2b + s: pool-2 output m = Q2ρs[b + m]
 *   logit_k = w2 · relu(W1 ⋆ Q2ρs [b] + b1) + b2   (k = 4b + 2s + ρ)
 * </pre>
 * where {@code W1 ⋆ Q2} is the dense layer {@code Linear(3200 → 32)} applied as a 50-tap correlation over the
 * 64-channel pooled series (its weight {@code [32, 3200]} read as {@code [32, 64, 50]}, Flatten's channel-major
 * order), computed by FFT ({@link FftDense}). The four phases {@code (ρ, s)} cover every cadence once. The
 * result equals the window-by-window forward pass up to float rounding; {@code SeriesScorerTest} checks it.
 * Multiply-adds per cadence: conv1 224 and conv2 3 072 (instead of 22 400 and 307 200 per window), the dense
 * layer about 6 000 by FFT (instead of 102 400).
 */
final class SeriesScorer {
    private final Tensor w1;
    private final Tensor b1;
    private final Tensor w2;
    private final Tensor b2;
    private final FftDense dense;
    private final float[] denseBias;
    private final float[] out;
    private final float outBias;
    private final int hidden;

    SeriesScorer(Sequential member) {
        Conv1d c1 = (Conv1d) member.layers().get(0);
        Conv1d c2 = (Conv1d) member.layers().get(4);
        Linear d = (Linear) member.layers().get(9);
        Linear o = (Linear) member.layers().get(12);
        if (c1.weight().value().size(1) != FlareSeries.CHANNELS || c1.weight().value().size(2) != 7) {
            throw new IllegalArgumentException("SeriesScorer: not a series flare network (first layer "
                    + astrograd.tensor.Shape.str(c1.weight().value().shape()) + ")");
        }
        w1 = c1.weight().value();
        b1 = c1.bias().value();
        w2 = c2.weight().value();
        b2 = c2.bias().value();
        hidden = d.weight().value().size(0);
        dense = new FftDense(d.weight().value().contiguous().reshape(hidden, 64, Windows.LENGTH / 4));
        denseBias = d.bias().value().contiguous().toFloatArray();
        out = o.weight().value().contiguous().toFloatArray();
        outBias = o.bias().value().contiguous().toFloatArray()[0];
    }

    /** The logit of every grid cadence of {@code part}: {@code [part.length()]}. */
    double[] logits(FlareSeries.Part part) {
        int k = part.length();
        int padded = k + FlareSeries.INPUT;
        float[] x = new float[2 * padded];
        System.arraycopy(part.value(), 0, x, FlareSeries.BEFORE, k);
        System.arraycopy(part.mask(), 0, x, padded + FlareSeries.BEFORE, k);
        float[][] pooled = new float[4][];
        int[] lengths = new int[4];
        try (TensorScope scope = TensorScope.open()) {
            Tensor h1 = Conv.conv1d(Tensor.of(x, 1, 2, padded), w1, b1, 1, 0, 0, 1, 1).relu();
            for (int rho = 0; rho < 2; rho++) {
                Tensor h2 = Conv.conv1d(pool(h1, rho), w2, b2, 1, 0, 0, 1, 1).relu();
                for (int s = 0; s < 2; s++) {
                    Tensor q2 = pool(h2, s);
                    pooled[2 * s + rho] = q2.contiguous().toFloatArray();
                    lengths[2 * s + rho] = q2.size(2);
                }
            }
        }
        float[][] z = dense.apply(pooled, lengths);
        double[] logit = new double[k];
        for (int phase = 0; phase < 4; phase++) {
            int outputs = z[phase].length / hidden;
            for (int b = 0; b < outputs; b++) {
                int cadence = 4 * b + phase;
                if (cadence < k) {
                    logit[cadence] = head(z[phase], outputs, b);
                }
            }
        }
        return logit;
    }

    /** {@code w2 · relu(z + b1) + b2} at output {@code b} of a phase's dense outputs {@code [hidden, outputs]}. */
    private double head(float[] z, int outputs, int b) {
        double sum = outBias;
        for (int o = 0; o < hidden; o++) {
            float v = z[o * outputs + b] + denseBias[o];
            if (v > 0) {
                sum += (double) out[o] * v;
            }
        }
        return sum;
    }

    private static final PoolSpec PAIRS = new PoolSpec(1, 2, 1, 2, 0, 0, 1, 1, false, false);

    /** {@code max(h[2v+phase], h[2v+phase+1])} along the last axis (values only: nothing goes backward). */
    private static Tensor pool(Tensor h, int phase) {
        Tensor shifted = h.narrow(2, phase, h.size(2) - phase).contiguous();
        return Conv.maxPool2dValues(shifted.unsqueeze(2), PAIRS).squeeze(2);
    }
}
