package astrograd.inference.hmc;

import astrograd.inference.model.Model;

/**
 * Advances several chains of one model together in one thread, evaluating the points that all of them need next as
 * one batch {@code [chains, D]}: one forward and one backward pass per leapfrog step instead of one per chain. For a
 * small model, whose evaluation costs the overhead of a few dozen tensor ops whatever the batch size, this divides
 * the cost per gradient by about the number of chains.
 *
 * <p>The chains do not wait for each other: a chain whose transition ends starts its next iteration at once, so every
 * batch holds a point of each chain that still has iterations to run. Each chain keeps its own stream and sees the
 * same log-densities and gradients as when it runs alone (rows of a batch are independent), so its draws are the
 * same bits as in a run of the chains one by one.
 */
final class LockstepChains {
    private LockstepChains() {
    }

    /** Runs up to {@code n} more iterations of every chain (fewer at the end of the run). */
    static void advance(Model model, ChainState[] chains, long n) {
        int count = chains.length;
        long[] left = new long[count];
        PhasePoint[] pending = new PhasePoint[count];
        for (int c = 0; c < count; c++) {
            left[c] = n;
            pending[c] = next(chains[c], left, c);
        }
        PhasePoint[] batch = new PhasePoint[count];
        ModelTarget[] targets = new ModelTarget[count];
        int[] owner = new int[count];
        while (true) {
            int w = 0;
            for (int c = 0; c < count; c++) {
                if (pending[c] != null) {
                    batch[w] = pending[c];
                    targets[w] = chains[c].target();
                    owner[w++] = c;
                }
            }
            if (w == 0) {
                return;
            }
            ModelTarget.evaluateTogether(model, batch, targets, w);
            for (int k = 0; k < w; k++) {
                int c = owner[k];
                pending[c] = chains[c].continueIteration();
                if (pending[c] == null) {
                    left[c]--;
                    pending[c] = next(chains[c], left, c);
                }
            }
        }
    }

    /** The first point of chain {@code c}'s next iteration while it has iterations left, else null. */
    private static PhasePoint next(ChainState chain, long[] left, int c) {
        PhasePoint z = null;
        while (z == null && left[c] > 0 && !chain.done()) {
            z = chain.beginIteration();
            if (z == null) {
                left[c]--;
            }
        }
        return z;
    }
}
