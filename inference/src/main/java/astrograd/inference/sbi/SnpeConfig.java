package astrograd.inference.sbi;

import java.util.Arrays;

/**
 * Settings of a (sequential) neural posterior estimation run. Defaults follow sbi's {@code npe_base.train}: batch
 * 200, Adam lr 5e-4, 10% validation, stop after 20 epochs without improvement, gradient norm clipped at 5, 10 atoms.
 *
 * @param method          NPE (one round from the prior), SNPE-A or SNPE-C
 * @param estimator       MDN or NSF (SNPE-A needs an MDN; SNPE-C uses the non-atomic loss with an MDN and the
 *                        atomic loss with a flow)
 * @param components      mixture components of an MDN (SNPE-A: in the final round; 1 before)
 * @param hidden          hidden units of the MDN trunk / flow conditioners
 * @param flowLayers      coupling layers of a flow
 * @param bins            spline bins of a flow
 * @param simulations     simulations per round (its length is the number of rounds)
 * @param maxEpochs       cap on epochs per round
 * @param acceptanceFloor smallest acceptance of the rejection into the prior support before a run fails
 */
public record SnpeConfig(Method method, Estimator estimator, int components, int hidden, int flowLayers, int bins,
        int[] simulations, int batchSize, double learningRate, double validationFraction, int patience,
        int maxEpochs, double clipNorm, int atoms, double acceptanceFloor, long seed, boolean progress) {
    /** The inference algorithm. */
    public enum Method {
        NPE, SNPE_A, SNPE_C
    }

    /** The conditional density estimator. */
    public enum Estimator {
        MDN, NSF
    }

    public SnpeConfig {
        simulations = simulations.clone();
        if (simulations.length == 0 || Arrays.stream(simulations).anyMatch(s -> s < 10)) {
            throw new IllegalArgumentException("SnpeConfig: every round needs at least 10 simulations, got "
                    + Arrays.toString(simulations));
        }
        if (method == Method.NPE && simulations.length != 1) {
            throw new IllegalArgumentException("SnpeConfig: NPE is one round, got " + simulations.length);
        }
        if (method == Method.SNPE_A && estimator != Estimator.MDN) {
            throw new IllegalArgumentException("SnpeConfig: SNPE-A's analytic correction needs an MDN estimator");
        }
        if (components < 1 || hidden < 1 || flowLayers < 1 || bins < 2 || batchSize < 2 || patience < 0
                || maxEpochs < 1 || atoms < 2 || !(learningRate > 0) || !(validationFraction > 0
                && validationFraction < 1) || !(acceptanceFloor > 0 && acceptanceFloor < 1)) {
            throw new IllegalArgumentException("SnpeConfig: bad settings " + this);
        }
    }

    /** sbi's defaults: 10 components, 50 hidden units, 5 flow layers of 10 bins. */
    public static SnpeConfig defaults(Method method, Estimator estimator, int... simulations) {
        return new SnpeConfig(method, estimator, 10, 50, 5, 10, simulations, 200, 5e-4, 0.1, 20, 1000, 5.0, 10,
                1e-4, 0, false);
    }

    public int rounds() {
        return simulations.length;
    }

    public SnpeConfig withComponents(int k) {
        return new SnpeConfig(method, estimator, k, hidden, flowLayers, bins, simulations, batchSize, learningRate,
                validationFraction, patience, maxEpochs, clipNorm, atoms, acceptanceFloor, seed, progress);
    }

    public SnpeConfig withSeed(long s) {
        return new SnpeConfig(method, estimator, components, hidden, flowLayers, bins, simulations, batchSize,
                learningRate, validationFraction, patience, maxEpochs, clipNorm, atoms, acceptanceFloor, s, progress);
    }

    public SnpeConfig withTraining(int batch, double lr, int patienceEpochs, int maxEpochCount) {
        return new SnpeConfig(method, estimator, components, hidden, flowLayers, bins, simulations, batch, lr,
                validationFraction, patienceEpochs, maxEpochCount, clipNorm, atoms, acceptanceFloor, seed, progress);
    }

    public SnpeConfig withProgress(boolean show) {
        return new SnpeConfig(method, estimator, components, hidden, flowLayers, bins, simulations, batchSize,
                learningRate, validationFraction, patience, maxEpochs, clipNorm, atoms, acceptanceFloor, seed, show);
    }

    public SnpeConfig withAcceptanceFloor(double floor) {
        return new SnpeConfig(method, estimator, components, hidden, flowLayers, bins, simulations, batchSize,
                learningRate, validationFraction, patience, maxEpochs, clipNorm, atoms, floor, seed, progress);
    }

    @Override
    public String toString() {
        return "SnpeConfig[" + method + ", " + estimator + ", K=" + components + ", hidden=" + hidden + ", layers="
                + flowLayers + ", bins=" + bins + ", simulations=" + Arrays.toString(simulations) + ", batch="
                + batchSize + ", lr=" + learningRate + ", patience=" + patience + ", maxEpochs=" + maxEpochs + "]";
    }
}
