package astrograd.inference.hmc;

import java.util.Arrays;

/**
 * A divergent transition: somewhere on its trajectory the energy error {@code H − H₀} exceeded 1000 (a leapfrog
 * step fell off a region of high curvature), so the trajectory was cut there. Positions are in constrained space.
 *
 * @param chain          the chain's index
 * @param iteration      the iteration within its phase (the draw's index for a post-warm-up transition)
 * @param warmup         whether it happened during warm-up
 * @param position       the draw this transition returned, {@code [D]}
 * @param divergentPoint the trajectory's point where the energy error first exceeded the limit, {@code [D]}
 */
public record Divergence(int chain, int iteration, boolean warmup, double[] position, double[] divergentPoint) {
    @Override
    public String toString() {
        return "Divergence[chain " + chain + (warmup ? ", warm-up iteration " : ", draw ") + iteration + " at "
                + Arrays.toString(position) + ", diverged at " + Arrays.toString(divergentPoint) + "]";
    }
}
