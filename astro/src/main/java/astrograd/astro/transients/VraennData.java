package astrograd.astro.transients;

import astrograd.tensor.Tensor;

import java.util.List;

/**
 * VRAENN input tensors (Villar et al. 2020/2021, villrv/vraenn {@code prep_input}): per object and epoch,
 * {@code input [B, T, 2F+1] = [t, m_1..F, σ_1..F]} and {@code input2 [B, T, 2] = [t, m_lim]}, with
 * <ul>
 *   <li>magnitudes sign-flipped and min–max normalised over all bands and objects, {@code m' = (−m − lo)/(hi − lo)}
 *       ({@code lo, hi} the extremes of −m; the same scale for the limit and, divided by {@code hi − lo}, the errors,
 *       which then get +0.01 as in the reference);</li>
 *   <li>time in units of 100 days since the object's first epoch;</li>
 *   <li>padding beyond an object's length: {@code t = t_last + 1} (100 d), {@code m = m_lim}, {@code σ = 1};</li>
 *   <li>{@code mask [B, T]}: 1 on real epochs, 0 on padding (the reference has no mask; see {@link Vraenn}).</li>
 * </ul>
 * Objects longer than {@code maxSteps} epochs keep their first {@code maxSteps}.
 */
public record VraennData(Tensor input, Tensor input2, Tensor mask, Tensor target, Tensor targetSigma, int bands,
                         double lo, double hi) {
    /** One object's photometry at its epochs: {@code mag[k][b]}, {@code sigma[k][b]}, epochs {@code t[k]}, limit. */
    public record Sequence(double[] t, double[][] mag, double[][] sigma, double limitMag) {
    }

    public int size() {
        return input.size(0);
    }

    public int steps() {
        return input.size(1);
    }

    /** Builds the tensors; {@code lo}/{@code hi} NaN to take them from these sequences (a training set). */
    public static VraennData of(List<Sequence> seqs, int maxSteps, double lo, double hi) {
        if (seqs.isEmpty()) {
            throw new IllegalArgumentException("VraennData: no sequences");
        }
        int f = seqs.get(0).mag()[0].length;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (Sequence s : seqs) {
                for (double[] row : s.mag()) {
                    for (double m : row) {
                        lo = Math.min(lo, -m);
                        hi = Math.max(hi, -m);
                    }
                }
                lo = Math.min(lo, -s.limitMag());
            }
        }
        double scale = hi - lo;
        if (!(scale > 0)) {
            throw new IllegalArgumentException("VraennData: magnitudes span no range");
        }
        int steps = Math.min(maxSteps, seqs.stream().mapToInt(s -> s.t().length).max().orElse(1));
        int b = seqs.size();
        int width = 2 * f + 1;
        float[] in = new float[b * steps * width];
        float[] in2 = new float[b * steps * 2];
        float[] mask = new float[b * steps];
        float[] target = new float[b * steps * f];
        float[] targetSigma = new float[b * steps * f];
        for (int i = 0; i < b; i++) {
            Sequence s = seqs.get(i);
            if (s.t().length == 0 || s.mag()[0].length != f) {
                throw new IllegalArgumentException("VraennData: sequence " + i + " is empty or has another band count");
            }
            int len = Math.min(steps, s.t().length);
            double t0 = s.t()[0];
            double lim = (-s.limitMag() - lo) / scale;
            double tLast = (s.t()[len - 1] - t0) / 100;
            for (int k = 0; k < steps; k++) {
                boolean real = k < len;
                double t = real ? (s.t()[k] - t0) / 100 : tLast + 1;
                int base = (i * steps + k) * width;
                in[base] = (float) t;
                for (int j = 0; j < f; j++) {
                    double m = real ? (-s.mag()[k][j] - lo) / scale : lim;
                    double e = real ? s.sigma()[k][j] / scale + 0.01 : 1.0;
                    in[base + 1 + j] = (float) m;
                    in[base + 1 + f + j] = (float) e;
                    target[(i * steps + k) * f + j] = (float) m;
                    targetSigma[(i * steps + k) * f + j] = (float) e;
                }
                in2[(i * steps + k) * 2] = (float) t;
                in2[(i * steps + k) * 2 + 1] = (float) lim;
                mask[i * steps + k] = real ? 1 : 0;
            }
        }
        return new VraennData(Tensor.of(in, b, steps, width), Tensor.of(in2, b, steps, 2), Tensor.of(mask, b, steps),
                Tensor.of(target, b, steps, f), Tensor.of(targetSigma, b, steps, f), f, lo, hi);
    }

    /** Rows {@code idx} of every tensor. */
    public VraennData rows(int[] idx) {
        Tensor index = Tensor.of(idx, idx.length);
        return new VraennData(input.indexSelect(0, index), input2.indexSelect(0, index), mask.indexSelect(0, index),
                target.indexSelect(0, index), targetSigma.indexSelect(0, index), bands, lo, hi);
    }

    /**
     * A sequence from a dense GP fit: the GP mean and sd of each of {@code bands} at the object's observed epochs
     * (other bands of the object are left out).
     *
     * @throws IllegalArgumentException when the object lacks one of {@code bands}
     */
    public static Sequence fromGp(LightCurveGp gp, LightCurveGp.Dense d, List<Passband> bands) {
        TransientLightCurve lc = d.source();
        double[] t = java.util.Arrays.stream(lc.time()).distinct().toArray();
        int f = bands.size();
        double[][] mag = new double[t.length][f];
        double[][] sd = new double[t.length][f];
        for (int b = 0; b < f; b++) {
            int own = lc.bands().indexOf(bands.get(b));
            if (own < 0) {
                throw new IllegalArgumentException("VraennData: " + lc.id() + " has no " + bands.get(b).name()
                        + " observations");
            }
            double[][] p = gp.predictBand(lc, d.fit(), own, t);
            for (int k = 0; k < t.length; k++) {
                mag[k][b] = p[0][k];
                sd[k][b] = p[1][k];
            }
        }
        return new Sequence(t, mag, sd, d.limitingMag());
    }
}
