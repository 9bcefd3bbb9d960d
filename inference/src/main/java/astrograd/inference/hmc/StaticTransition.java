package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/**
 * Hamiltonian Monte Carlo with a static integration time T (Duane et al. 1987; Neal 2011), as Stan's static HMC:
 * {@code L = max(1, ⌊T/ε̄⌋)} leapfrog steps (ε̄ the nominal step size, so jitter varies T), then a Metropolis
 * test with probability {@code min(1, exp(H₀ − H))}. Unlike Stan, the trajectory is capped at {@code maxSteps}
 * (counted as a saturation) and stops early, rejected and counted divergent, when {@code H − H₀ > maxDeltaH}.
 */
final class StaticTransition implements Transition {
    private final Hamiltonian ham;
    private final double integrationTime;
    private final int maxSteps;
    private final double maxDeltaH;
    private final PhasePoint z;

    private PhasePoint state;
    private double eps;
    private Rng rng;
    private Step out;
    private long wanted;
    private int n;
    private int taken;
    private double h0;
    private double h;

    StaticTransition(Hamiltonian ham, double integrationTime, int maxSteps, double maxDeltaH) {
        this.ham = ham;
        this.integrationTime = integrationTime;
        this.maxSteps = maxSteps;
        this.maxDeltaH = maxDeltaH;
        this.z = new PhasePoint(ham.dim());
    }

    /** {@code L = max(1, ⌊T/ε̄⌋)} before the cap. */
    static long steps(double integrationTime, double nominalStepSize) {
        return Math.max(1, (long) (integrationTime / nominalStepSize));
    }

    @Override
    public PhasePoint begin(PhasePoint state, double stepSize, double nominalStepSize, Rng rng, Step out) {
        this.state = state;
        this.eps = stepSize;
        this.rng = rng;
        this.out = out;
        out.reset();
        wanted = steps(integrationTime, nominalStepSize);
        n = (int) Math.min(wanted, maxSteps);
        z.set(state);
        ham.sampleMomentum(z, rng);
        System.arraycopy(z.p, 0, state.p, 0, z.p.length);
        h0 = ham.energy(z);
        h = h0;
        taken = 0;
        ham.leapfrogToGradient(z, eps);
        return z;
    }

    @Override
    public PhasePoint resume() {
        ham.leapfrogFromGradient(z, eps);
        taken++;
        h = ham.energy(z);
        if (h - h0 > maxDeltaH) {
            out.divergent = true;
            System.arraycopy(z.q, 0, out.divergentAt, 0, z.q.length);
            return finish();
        }
        if (taken < n) {
            ham.leapfrogToGradient(z, eps);
            return z;
        }
        return finish();
    }

    /** The Metropolis test at the trajectory's end and the statistics; null (finished). */
    private PhasePoint finish() {
        double accept = out.divergent ? 0 : Math.min(1, Math.exp(h0 - h));
        if (accept >= 1 || (accept > 0 && rng.nextDouble() <= accept)) {
            state.set(z);
        }
        out.acceptStat = accept;
        out.nLeapfrog = taken;
        out.saturated = wanted > maxSteps;
        out.treeDepth = 0;
        out.energy = ham.energy(state);
        return null;
    }
}
