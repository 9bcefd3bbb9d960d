package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/**
 * One Markov transition of a Hamiltonian sampler from the chain's current point (q with its log-density), run as a
 * resumable computation that stops at every gradient it needs: {@link #begin} and {@link #resume} return the point
 * to evaluate next, and null once the transition is finished. A lone chain evaluates each point at once
 * ({@link #run}); chains advanced together evaluate the points of all of them as one batch.
 */
interface Transition {
    /**
     * Starts moving {@code state} (its q, log-density and gradient; its momentum is overwritten) to the next draw,
     * writing the statistics into {@code out} when finished.
     *
     * @param stepSize        the step size of this transition (after any jitter)
     * @param nominalStepSize the step size before jitter (static HMC takes its number of steps from it)
     * @return the point whose log-density and gradient (at its q) are needed next, or null when finished
     */
    PhasePoint begin(PhasePoint state, double stepSize, double nominalStepSize, Rng rng, Step out);

    /**
     * Continues after the point last returned got its log-density and gradient.
     *
     * @return the next point to evaluate, or null when the transition is finished
     */
    PhasePoint resume();

    /** The whole transition with every gradient evaluated at once by {@code ham}. */
    static void run(Transition t, Hamiltonian ham, PhasePoint state, double stepSize, double nominalStepSize, Rng rng,
            Step out) {
        for (PhasePoint z = t.begin(state, stepSize, nominalStepSize, rng, out); z != null; z = t.resume()) {
            ham.evaluate(z);
        }
    }

    /** The statistics of one transition. */
    final class Step {
        /** Mean Metropolis acceptance probability over the trajectory (what step-size adaptation targets). */
        double acceptStat;
        /** NUTS tree depth (0 for static HMC). */
        int treeDepth;
        int nLeapfrog;
        /** NUTS reached its maximum depth, or static HMC's trajectory was capped. */
        boolean saturated;
        boolean divergent;
        /** {@code H} at the returned point. */
        double energy;
        /** Where the energy error first exceeded the limit (unconstrained space), when divergent. */
        final double[] divergentAt;

        Step(int dim) {
            divergentAt = new double[dim];
        }

        void reset() {
            acceptStat = 0;
            treeDepth = 0;
            nLeapfrog = 0;
            saturated = false;
            divergent = false;
            energy = 0;
        }
    }
}
