package astrograd.inference.ensemble;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Summary;
import java.util.List;

/** The runs of several independent ensembles, each on its own random stream. */
public record EnsembleResult(List<EnsembleChain> ensembles) {
    public EnsembleResult {
        ensembles = List.copyOf(ensembles);
    }

    public EnsembleChain ensemble(int e) {
        return ensembles.get(e);
    }

    /** All walkers of all ensembles as chains, {@code [E·W, N − burnIn, D]}, ensemble by ensemble. */
    public Draws draws(int burnIn) {
        Draws all = ensembles.get(0).draws(burnIn);
        for (int e = 1; e < ensembles.size(); e++) {
            all = all.concatChains(ensembles.get(e).draws(burnIn));
        }
        return all;
    }

    /**
     * One chain per ensemble, {@code [E, (N − burnIn)·W, D]}: the walkers' positions step by step (step-major, so a
     * split chain is the first and the second half of the steps). This is the input of R̂ across independent
     * ensembles; walkers of one ensemble are not independent chains.
     */
    public Draws ensembleDraws(int burnIn) {
        return ensembleDraws(burnIn, 1);
    }

    /** As {@link #ensembleDraws(int)}, keeping every {@code thin}-th stored step after the burn-in. */
    public Draws ensembleDraws(int burnIn, int thin) {
        List<String> names = ensembles.get(0).names();
        int d = names.size();
        int stored = ensembles.get(0).stored();
        int w = ensembles.get(0).walkers();
        if (burnIn < 0 || burnIn >= stored || thin < 1) {
            throw new IllegalArgumentException("ensemble: cannot keep every " + thin + "-th step after a burn-in of "
                    + burnIn + " of " + stored);
        }
        int kept = (stored - burnIn + thin - 1) / thin;
        double[] out = new double[ensembles.size() * kept * w * d];
        int i = 0;
        for (EnsembleChain c : ensembles) {
            for (int n = burnIn; n < stored; n += thin) {
                for (int k = 0; k < w; k++) {
                    for (int j = 0; j < d; j++) {
                        out[i++] = c.position(n, k, j);
                    }
                }
            }
        }
        return new Draws(out, ensembles.size(), kept * w, names);
    }

    /**
     * The summary table after {@code burnIn}: moments, quantiles, ESS and MCSE from every walker as a chain, R̂
     * across the independent ensembles ({@link #ensembleDraws}) when there are at least two (each walker as a chain
     * otherwise, which needs about 100 τ per walker to reach 1.01).
     */
    public Summary summary(int burnIn) {
        return Summary.of(draws(burnIn), ensembles.size() > 1 ? ensembleDraws(burnIn) : null);
    }

    /** Proposals with a non-finite log-density, over all ensembles. */
    public long nonFinite() {
        return ensembles.stream().mapToLong(EnsembleChain::nonFinite).sum();
    }
}
