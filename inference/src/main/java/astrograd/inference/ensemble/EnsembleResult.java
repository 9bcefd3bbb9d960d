package astrograd.inference.ensemble;

import astrograd.inference.Draws;
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

    /** Proposals with a non-finite log-density, over all ensembles. */
    public long nonFinite() {
        return ensembles.stream().mapToLong(EnsembleChain::nonFinite).sum();
    }
}
