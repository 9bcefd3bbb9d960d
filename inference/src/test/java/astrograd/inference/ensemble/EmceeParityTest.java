package astrograd.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.model.Model;
import astrograd.inference.stats.NormalDistribution;
import astrograd.inference.stats.Ranks;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * emcee's own proposal test ({@code test_proposal.py::_test_normal}): 1-D N(0, 1), 32 walkers started from N(0, 1),
 * 2000 steps: every walker's acceptance in (0.1, 0.9), |mean| < 0.08, |std − 1| < 0.05 and KS < 0.05, for each
 * move and a mixture.
 */
class EmceeParityTest {
    @Test
    void everyMoveSamplesTheStandardNormal() {
        Model model = Model.of(Targets.standardNormal(), "x");
        List<Move> moves = List.of(Move.stretch(), Move.differentialEvolution(), Move.walk(),
                Move.mixture(new double[] {0.6, 0.4}, Move.stretch(), Move.differentialEvolution()));
        long seed = 1234;
        for (Move move : moves) {
            EnsembleSampler sampler = EnsembleSampler.builder(model).walkers(32).move(move).build();
            Rng rng = new Rng(seed++);
            EnsembleChain chain = sampler.run(rng.randn(DType.F64, 32, 1), 2000, rng);
            for (double f : chain.acceptanceFraction()) {
                assertTrue(f > 0.1 && f < 0.9, move + ": a walker's acceptance fraction is " + f);
            }
            Draws d = chain.draws(0);
            double[] x = d.flat(0);
            double mean = 0;
            for (double v : x) {
                mean += v / x.length;
            }
            double var = 0;
            for (double v : x) {
                var += (v - mean) * (v - mean) / x.length;
            }
            double ks = Ranks.ksStatistic(x, NormalDistribution::cdf);
            System.out.printf("emcee parity, %s: mean %.4f, std %.4f, KS %.4f, acceptance %.3f%n", move, mean,
                    Math.sqrt(var), ks, java.util.Arrays.stream(chain.acceptanceFraction()).average().orElse(0));
            assertTrue(Math.abs(mean) < 0.08, move + ": mean " + mean);
            assertTrue(Math.abs(Math.sqrt(var) - 1) < 0.05, move + ": std " + Math.sqrt(var));
            assertTrue(ks < 0.05, move + ": KS " + ks);
            assertTrue(chain.nonFinite() == 0 && chain.evaluations() == 2 * 2000 + 1);
        }
    }
}
