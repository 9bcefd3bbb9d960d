package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Dual averaging reaches the target accept statistic. With the unit metric the step size adapts over the whole
 * warm-up; with Stan's windows it restarts after every metric update and has only the 50-iteration terminal
 * window, where the realized acceptance comes out above the target (as in Stan: {@code x̄} is the average of
 * noisy iterates of {@code log ε} and the acceptance is concave in it), so that schedule is not tested here.
 */
class StepSizeAdaptationTest {
    @Test
    void acceptanceWithin005OfTheTarget() {
        Model g = Targets.independentGaussian(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        for (double delta : new double[] {0.65, 0.8, 0.9}) {
            HmcResult r = HmcSampler.nuts(g).metric(MetricKind.UNIT).targetAccept(delta).warmup(1000).draws(1000)
                    .build().run(2, new Rng(5));
            assertEquals(delta, r.meanAcceptStat(), 0.05, "target " + delta);
            System.out.printf(Locale.ROOT, "target accept %.2f: realized %.3f (step size %.3f)%n", delta,
                    r.meanAcceptStat(), r.chain(0).stepSize());
        }
        HmcResult s = HmcSampler.staticHmc(g, 2).metric(MetricKind.UNIT).targetAccept(0.7).warmup(1000).draws(1000)
                .build().run(2, new Rng(6));
        assertEquals(0.7, s.meanAcceptStat(), 0.05, "static HMC");
    }
}
