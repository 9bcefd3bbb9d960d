package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/** One Markov transition of a Hamiltonian sampler from the chain's current point (q with its log-density). */
interface Transition {
    /**
     * Moves {@code state} (its q, log-density and gradient; its momentum is overwritten) to the next draw and writes
     * the transition's statistics into {@code out}.
     *
     * @param stepSize        the step size of this transition (after any jitter)
     * @param nominalStepSize the step size before jitter (static HMC takes its number of steps from it)
     */
    void transition(PhasePoint state, double stepSize, double nominalStepSize, Rng rng, Step out);

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
