package astrograd.inference.ensemble;

import astrograd.inference.model.Evaluation;
import astrograd.inference.model.Model;
import astrograd.inference.model.Space;
import astrograd.inference.stats.Rows;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/** One ensemble's walkers in sampling space, their log-densities and counters; advanced by red-blue half-steps. */
final class EnsembleState {
    private final Model model;
    private final Space space;
    final double[][] x;
    final double[] logDensity;
    final long[] accepted;
    long nonFinite;
    long evaluations;

    EnsembleState(Model model, Space space, double[][] start) {
        this.model = model;
        this.space = space;
        this.x = start;
        Evaluation e = evaluate(start);
        this.logDensity = e.logDensity();
        for (int k = 0; k < x.length; k++) {
            if (logDensity[k] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("ensemble: walker " + k + " starts where the log-density is "
                        + (e.nonFinite() > 0 ? "not finite" : "-infinity") + ": start every walker inside the support");
            }
        }
        this.accepted = new long[x.length];
    }

    /** A state restored from a checkpoint: no evaluation, the counters as saved. */
    EnsembleState(Model model, Space space, double[][] x, double[] logDensity, long[] accepted, long nonFinite,
            long evaluations) {
        this.model = model;
        this.space = space;
        this.x = x;
        this.logDensity = logDensity;
        this.accepted = accepted;
        this.nonFinite = nonFinite;
        this.evaluations = evaluations;
    }

    /**
     * One step: a uniformly random balanced split into halves S₀, S₁ (sizes ⌊W/2⌋, ⌈W/2⌉); S₀ moves against S₁, then
     * S₁ against the updated S₀, each half's proposals evaluated in one batched call.
     */
    void step(Move move, Rng rng) {
        int w = x.length;
        int[] perm = Rows.permutation(w, rng);
        int half = w / 2;
        int[] first = java.util.Arrays.copyOfRange(perm, 0, half);
        int[] second = java.util.Arrays.copyOfRange(perm, half, w);
        halfStep(move, first, second, rng);
        halfStep(move, second, first, rng);
    }

    private void halfStep(Move move, int[] active, int[] complement, Rng rng) {
        double[][] a = rows(active);
        Move.Proposal p = move.propose(a, rows(complement), rng);
        Evaluation e = evaluate(p.points());
        for (int k = 0; k < active.length; k++) {
            double proposed = e.logDensity()[k];
            double logRatio = p.logFactor()[k] + proposed - logDensity[active[k]];
            double logU = Math.log(rng.nextDouble());
            if (proposed != Double.NEGATIVE_INFINITY && logU < logRatio) {
                int i = active[k];
                System.arraycopy(p.points()[k], 0, x[i], 0, x[i].length);
                logDensity[i] = proposed;
                accepted[i]++;
            }
        }
    }

    private Evaluation evaluate(double[][] points) {
        Evaluation e = model.evaluate(Tensor.of(Rows.flatten(points), points.length, points[0].length), space);
        nonFinite += e.nonFinite();
        evaluations++;
        return e;
    }

    private double[][] rows(int[] idx) {
        double[][] out = new double[idx.length][];
        for (int k = 0; k < idx.length; k++) {
            out[k] = x[idx[k]];
        }
        return out;
    }
}
