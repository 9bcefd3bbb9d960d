package astrograd.inference.demc;

import astrograd.inference.model.Evaluation;
import astrograd.inference.model.Model;
import astrograd.inference.stats.Rows;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * A DEMC population in sampling space: the chains' states and log-densities, the archive (DE-MCz) or none (DE-MC),
 * one random stream per chain plus one for the population, and counters. {@link #step()} advances one generation.
 * Everything here is what a checkpoint stores.
 */
final class DemcState {
    final DemcSampler sampler;
    final double[][] x;
    final double[] logDensity;
    final Archive archive;
    final Rng[] chainRngs;
    final Rng population;
    final long[] accepted;
    final long[] snookerProposed;
    final long[] snookerAccepted;
    /** Per-parameter jitter scales, expanded once (null: no jitter). */
    private final double[] jitter;
    long generation;
    long nonFinite;
    long evaluations;

    DemcState(DemcSampler sampler, double[][] x, double[] logDensity, Archive archive, Rng[] chainRngs,
            Rng population) {
        int c = x.length;
        this.sampler = sampler;
        this.x = x;
        this.logDensity = logDensity;
        this.archive = archive;
        this.chainRngs = chainRngs;
        this.population = population;
        this.accepted = new long[c];
        this.snookerProposed = new long[c];
        this.snookerAccepted = new long[c];
        this.jitter = sampler.jitter(x[0].length);
    }

    int chains() {
        return x.length;
    }

    int dim() {
        return x[0].length;
    }

    /**
     * One generation: every chain proposes and accepts once. The DE scale is {@code γ = 1} on every
     * {@code gammaOneEvery}-th generation (mode jumps) and {@code γ₀} otherwise; with an archive, every
     * {@code archiveThin}-th generation appends all chains' states to it.
     */
    void step() {
        boolean jump = sampler.gammaOneEvery() > 0 && (generation + 1) % sampler.gammaOneEvery() == 0;
        double gamma = jump ? 1.0 : sampler.gamma(dim());
        if (archive != null) {
            archiveStep(gamma);
        } else {
            halvesStep(gamma);
        }
        generation++;
        if (archive != null && generation % sampler.archiveThin() == 0) {
            for (double[] row : x) {
                archive.add(row);
            }
        }
    }

    /** DE-MCz: every chain moves at once against the archive, which stays fixed during the generation. */
    private void archiveStep(double gamma) {
        int c = chains();
        double[][] proposals = new double[c][];
        double[] logFactor = new double[c];
        boolean[] snooker = new boolean[c];
        for (int i = 0; i < c; i++) {
            Rng r = chainRngs[i];
            snooker[i] = r.nextDouble() < sampler.snookerProbability();
            if (snooker[i]) {
                proposals[i] = snookerProposal(x[i], r, logFactor, i);
            } else {
                int[] pick = distinct(r, archive.size(), 2);
                proposals[i] = deProposal(x[i], gamma, pick[0], pick[1], null, r);
            }
        }
        Evaluation e = evaluate(proposals);
        for (int i = 0; i < c; i++) {
            if (snooker[i]) {
                snookerProposed[i]++;
            }
            if (accept(i, proposals[i], e.logDensity()[i], logFactor[i]) && snooker[i]) {
                snookerAccepted[i]++;
            }
        }
    }

    /**
     * DE-MC without an archive, batched: a random balanced split of the chains into halves; each half moves against
     * the other, which stays frozen (so each half-step is an exact Metropolis update given the other half).
     */
    private void halvesStep(double gamma) {
        int c = chains();
        int[] perm = Rows.permutation(c, population);
        int[] first = Arrays.copyOfRange(perm, 0, c / 2);
        int[] second = Arrays.copyOfRange(perm, c / 2, c);
        halfStep(first, second, gamma);
        halfStep(second, first, gamma);
    }

    private void halfStep(int[] active, int[] complement, double gamma) {
        double[][] proposals = new double[active.length][];
        for (int k = 0; k < active.length; k++) {
            Rng r = chainRngs[active[k]];
            int[] pick = distinct(r, complement.length, 2);
            proposals[k] = deProposal(x[active[k]], gamma, complement[pick[0]], complement[pick[1]], x, r);
        }
        Evaluation e = evaluate(proposals);
        for (int k = 0; k < active.length; k++) {
            accept(active[k], proposals[k], e.logDensity()[k], 0);
        }
    }

    /**
     * {@code x + γ (a − b) + e}, {@code eⱼ = bⱼ εⱼ}, {@code εⱼ ~ N(0, 1)}: {@code a, b} are rows of {@code pool}, or
     * of the archive when {@code pool} is null.
     */
    private double[] deProposal(double[] xi, double gamma, int a, int b, double[][] pool, Rng r) {
        double[] y = new double[xi.length];
        for (int j = 0; j < y.length; j++) {
            double diff = pool == null ? archive.get(a, j) - archive.get(b, j) : pool[a][j] - pool[b][j];
            y[j] = xi[j] + gamma * diff;
        }
        if (jitter != null) {
            for (int j = 0; j < y.length; j++) {
                y[j] += jitter[j] * r.nextGaussian();
            }
        }
        return y;
    }

    /**
     * The snooker update (ter Braak &amp; Vrugt 2008): archive rows z, z₁, z₂ (distinct), {@code δ = x − z},
     * {@code x' = x + γₛ ((z₁ − z₂)·δ) δ/|δ|²} with {@code γₛ ~ U(1.2, 2.2)}, and the log factor
     * {@code (D − 1)(ln|x' − z| − ln|x − z|)}. A chain sitting on z cannot move (log factor −∞).
     */
    private double[] snookerProposal(double[] xi, Rng r, double[] logFactor, int i) {
        int d = xi.length;
        int[] pick = distinct(r, archive.size(), 3);
        double gammaS = 1.2 + r.nextDouble();
        double[] delta = new double[d];
        double norm2 = 0;
        double projection = 0;
        for (int j = 0; j < d; j++) {
            delta[j] = xi[j] - archive.get(pick[0], j);
            norm2 += delta[j] * delta[j];
            projection += (archive.get(pick[1], j) - archive.get(pick[2], j)) * delta[j];
        }
        double[] y = xi.clone();
        if (norm2 == 0) {
            logFactor[i] = Double.NEGATIVE_INFINITY;
            return y;
        }
        double step = gammaS * projection / norm2;
        double after = 0;
        for (int j = 0; j < d; j++) {
            y[j] += step * delta[j];
            double dz = y[j] - archive.get(pick[0], j);
            after += dz * dz;
        }
        logFactor[i] = after == 0 ? Double.NEGATIVE_INFINITY : 0.5 * (d - 1) * (Math.log(after) - Math.log(norm2));
        return y;
    }

    /** Metropolis: accept when {@code ln u < logFactor + lp' − lp}, {@code u} from the chain's stream. */
    private boolean accept(int i, double[] proposal, double proposed, double logFactor) {
        double logU = Math.log(chainRngs[i].nextDouble());
        if (proposed != Double.NEGATIVE_INFINITY && logU < logFactor + proposed - logDensity[i]) {
            System.arraycopy(proposal, 0, x[i], 0, proposal.length);
            logDensity[i] = proposed;
            accepted[i]++;
            return true;
        }
        return false;
    }

    private Evaluation evaluate(double[][] points) {
        Model model = sampler.model();
        Evaluation e = model.evaluate(Tensor.of(Rows.flatten(points), points.length, points[0].length),
                sampler.space());
        nonFinite += e.nonFinite();
        evaluations++;
        return e;
    }

    /** {@code k} distinct integers of [0, m), uniformly, in the order drawn. */
    static int[] distinct(Rng r, int m, int k) {
        int[] out = new int[k];
        int[] sorted = new int[k];
        for (int j = 0; j < k; j++) {
            int v = r.nextInt(m - j);
            for (int s = 0; s < j && v >= sorted[s]; s++) {
                v++;
            }
            out[j] = v;
            int p = j;
            while (p > 0 && sorted[p - 1] > v) {
                sorted[p] = sorted[p - 1];
                p--;
            }
            sorted[p] = v;
        }
        return out;
    }
}
