package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/**
 * Stan's heuristic first step size (Hoffman &amp; Gelman 2014, Algorithm 4): from the chain's point, one leapfrog
 * step with a fresh momentum gives {@code ΔH = H₀ − H}; the step size is doubled while {@code ΔH > log 0.8} (or
 * halved while {@code ΔH < log 0.8}, whichever held at the first try), a new momentum each time, until that
 * changes.
 */
final class StepSizeSearch {
    private static final double LOG_08 = Math.log(0.8);

    private StepSizeSearch() {
    }

    /**
     * The step size found from {@code eps} at {@code state} (unchanged).
     *
     * @throws IllegalStateException when the step size passes 1e7 (improper posterior) or reaches 0
     */
    static double find(Hamiltonian ham, PhasePoint state, double eps, Rng rng) {
        PhasePoint z = new PhasePoint(ham.dim());
        int direction = energyChange(ham, state, z, eps, rng) > LOG_08 ? 1 : -1;
        while (true) {
            double dh = energyChange(ham, state, z, eps, rng);
            if (direction == 1 ? !(dh > LOG_08) : !(dh < LOG_08)) {
                return eps;
            }
            eps = direction == 1 ? 2 * eps : 0.5 * eps;
            if (eps > 1e7) {
                throw new IllegalStateException("hmc: the step size grew past 1e7 while looking for a first step size:"
                        + " the posterior looks improper");
            }
            if (eps == 0) {
                throw new IllegalStateException("hmc: no acceptably small step size exists: is the log-density"
                        + " continuous?");
            }
        }
    }

    /** {@code H₀ − H} after one leapfrog step of {@code eps} from {@code state} with a new momentum. */
    private static double energyChange(Hamiltonian ham, PhasePoint state, PhasePoint z, double eps, Rng rng) {
        z.set(state);
        ham.sampleMomentum(z, rng);
        double h0 = ham.energy(z);
        ham.leapfrog(z, eps);
        return h0 - ham.energy(z);
    }
}
