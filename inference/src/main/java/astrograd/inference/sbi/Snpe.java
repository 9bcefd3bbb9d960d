package astrograd.inference.sbi;

import astrograd.inference.flows.ConditionalDensity;
import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.inference.flows.Mog;
import astrograd.inference.flows.NeuralSplineFlow;
import astrograd.inference.sbi.SnpeConfig.Estimator;
import astrograd.inference.sbi.SnpeConfig.Method;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Neural posterior estimation, single round (NPE) or sequential (SNPE-A, SNPE-C), following sbi's maths.
 *
 * <ol>
 *   <li>Round 0 draws θ from the prior; round r &gt; 0 from the posterior of round r−1 at the observation
 *       {@code x_o} (rejection into the prior support, its acceptance rate recorded; below the floor the run stops
 *       with an {@link IllegalStateException} naming the round). Simulations whose output is NaN/Inf are dropped
 *       and counted.</li>
 *   <li>z-scores of θ and x are fitted on round 0's training split only and kept for all rounds.</li>
 *   <li>Each round trains the same estimator further ({@link astrograd.layers.train.Trainer}: Adam, gradient clipping, early stopping on
 *       the validation loss with the best weights restored) on the data of all rounds — except SNPE-A, which
 *       trains on the latest round so that its proposal is exactly the previous posterior.</li>
 *   <li>Losses ({@link SnpeLosses}): NPE and SNPE-A the NLL; SNPE-C the NLL in round 0, then the non-atomic
 *       mixture loss for an MDN or the atomic loss for a flow, with the latest proposal.</li>
 *   <li>SNPE-A fits one Gaussian in the intermediate rounds; the final round replicates it K times (logit weights
 *       perturbed with std 5e-3) and its posterior is the analytic correction {@code q · p / p̃}.</li>
 * </ol>
 */
public final class Snpe {
    /** One round: simulations kept and dropped, epochs trained, best validation loss, acceptance of its proposal. */
    public record RoundReport(int round, int simulations, int dropped, int epochs, double bestValidationLoss,
            double proposalAcceptance, double seconds) {
    }

    /** The posterior of the last round and the reports of every round. */
    public record Result(Posterior posterior, List<RoundReport> rounds) {
    }

    private final SnpeConfig config;
    private final VectorPrior prior;
    private final Simulator simulator;
    private final Rng simulationRng;
    private final Rng proposalRng;
    private final Rng initRng;
    private final Rng trainRng;
    private ConditionalDensity estimator;
    private ZScore thetaScore;
    private ZScore xScore;
    private Posterior posterior;
    private final List<Tensor[]> rounds = new ArrayList<>();

    private Snpe(SnpeConfig config, VectorPrior prior, Simulator simulator) {
        this.config = config;
        this.prior = prior;
        this.simulator = simulator;
        Rng root = new Rng(config.seed());
        this.simulationRng = root.split();
        this.proposalRng = root.split();
        this.initRng = root.split();
        this.trainRng = root.split();
    }

    /**
     * Runs every round of {@code config}.
     *
     * @param observation {@code x_o} {@code [F]}, needed when there is more than one round (may be null otherwise)
     */
    public static Result run(SnpeConfig config, VectorPrior prior, Simulator simulator, Tensor observation) {
        if (config.rounds() > 1 && observation == null) {
            throw new IllegalArgumentException("Snpe: " + config.rounds() + " rounds need an observation x_o");
        }
        if (config.method() != Method.NPE && config.estimator() == Estimator.MDN && config.rounds() > 1) {
            prior.gaussianMixture(); // fails before any simulation when the analytic corrections cannot apply
        }
        return new Snpe(config, prior, simulator).runAll(observation);
    }

    private Result runAll(Tensor observation) {
        List<RoundReport> reports = new ArrayList<>();
        for (int r = 0; r < config.rounds(); r++) {
            reports.add(runRound(r, observation));
        }
        return new Result(posterior, reports);
    }

    private RoundReport runRound(int r, Tensor observation) {
        long start = System.nanoTime();
        int n = config.simulations()[r];
        double acceptance = 1;
        Tensor theta;
        if (r == 0) {
            theta = prior.sample(n, simulationRng.split());
        } else {
            Posterior.Samples s = posterior.sample(n, observation, proposalRng.split(), r);
            theta = s.theta();
            acceptance = s.acceptanceRate();
        }
        Tensor x = Simulations.simulate(simulator, theta, simulationRng.split(), config.progress(), "simulate r" + r);
        Simulations.Finite kept = Simulations.keepFinite(theta, x);
        if (kept.theta().size(0) < 10) {
            throw new IllegalStateException("Snpe round " + r + ": only " + kept.theta().size(0) + " of " + n
                    + " simulations have finite outputs");
        }
        Mog proposalZ = r == 0 ? null : proposalMixture(observation, r);
        Tensor[] split = Simulations.split(kept.theta(), kept.x(), config.validationFraction(), trainRng.split());
        if (r == 0) {
            thetaScore = ZScore.fit(split[0]);
            xScore = ZScore.fit(split[1]);
            estimator = newEstimator(firstRoundComponents());
        } else if (config.method() == Method.SNPE_A && r == config.rounds() - 1) {
            estimator = Replicate.mdn((MixtureDensityNetwork) estimator, config.components(), initRng.split());
        }
        if (config.method() == Method.SNPE_A) {
            rounds.clear();
        }
        rounds.add(split);
        RoundTraining.Outcome outcome;
        try {
            outcome = RoundTraining.train(estimator, config, lossFor(r, proposalZ), data(0), data(2),
                    trainRng.split(), "train r" + r);
        } catch (ArithmeticException e) {
            throw new IllegalStateException(config.method() + " round " + r + ": training diverged: " + e.getMessage(),
                    e);
        }
        Mog correction = config.method() == Method.SNPE_A && r > 0 ? proposalZ : null;
        posterior = new Posterior(estimator, thetaScore, xScore, prior, correction, config.acceptanceFloor());
        return new RoundReport(r, kept.theta().size(0), n - kept.theta().size(0), outcome.epochs(),
                outcome.bestValidationLoss(), acceptance, (System.nanoTime() - start) * 1e-9);
    }

    private int firstRoundComponents() {
        return config.method() == Method.SNPE_A && config.rounds() > 1 ? 1 : config.components();
    }

    /** The previous round's posterior at x_o as a mixture in z-space (MDN-based methods only). */
    private Mog proposalMixture(Tensor observation, int round) {
        if (!(estimator instanceof MixtureDensityNetwork mdn)) {
            return null;
        }
        if (posterior.proposalZ() != null) {
            return posterior.correctedMixtureZ(observation, round);
        }
        return mdn.mixtureAt(posterior.contextZ(observation));
    }

    private ConditionalDensity newEstimator(int components) {
        int d = prior.dim();
        int f = xScore.dim();
        if (config.estimator() == Estimator.MDN) {
            return new MixtureDensityNetwork(new MixtureDensityNetwork.Config(d, f, components, config.hidden(), 2),
                    DType.F32, initRng.split());
        }
        return new NeuralSplineFlow(new NeuralSplineFlow.Config(d, f, config.flowLayers(), config.hidden(), 2,
                config.bins(), 3.0), DType.F32, initRng.split());
    }

    /** Rows of all kept rounds: part 0 (training) or 2 (validation) as [θ_z, x_z, log p(θ)]. */
    private Tensor[] data(int part) {
        List<Tensor> th = new ArrayList<>();
        List<Tensor> xs = new ArrayList<>();
        for (Tensor[] s : rounds) {
            th.add(s[part]);
            xs.add(s[part + 1]);
        }
        Tensor theta = Tensor.cat(0, th);
        Tensor x = Tensor.cat(0, xs);
        return new Tensor[] {thetaScore.apply(theta, DType.F32), xScore.apply(x, DType.F32),
            prior.logDensity(theta)};
    }

    private RoundTraining.Loss lossFor(int round, Mog proposalZ) {
        if (round == 0 || config.method() != Method.SNPE_C) {
            return (th, x, lp, rng) -> SnpeLosses.nll(estimator, th, x);
        }
        if (estimator instanceof MixtureDensityNetwork mdn) {
            Mog priorZ = prior.kind() == VectorPrior.Kind.GAUSSIAN
                    ? prior.gaussianMixture().standardize(thetaScore.mean(), thetaScore.std()) : null;
            return (th, x, lp, rng) -> SnpeLosses.nonAtomic(mdn, th, x, proposalZ, priorZ, round);
        }
        return (th, x, lp, rng) -> SnpeLosses.atomic(estimator, th, x, lp, config.atoms(), rng);
    }
}
