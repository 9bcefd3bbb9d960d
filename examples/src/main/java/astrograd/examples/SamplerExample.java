package astrograd.examples;

// docs:begin imports
import astrograd.inference.diagnostics.Summary;
import astrograd.inference.hmc.HmcResult;
import astrograd.inference.hmc.HmcSampler;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.tensor.Rng;
// docs:end imports

/**
 * The samplers' example of {@code docs/systems/samplers.md}: NUTS on {@code y ~ N(μ, σ)} given 20 points of mean
 * 1.9 whose squared deviations sum to 12.3; the posterior has μ near 1.9 and σ near √(12.3/19) ≈ 0.80.
 */
public final class SamplerExample {
    private SamplerExample() {
    }

    public static void main(String[] args) {
        run();
    }

    /** Runs the documented block (it prints the summary and the HMC diagnostics) and returns the result. */
    public static HmcResult run() {
        // docs:begin nuts
        Model model = Model.builder().parameter("mu", Prior.normal(0, 10))
                .parameter("sigma", Prior.halfNormal(5))     // sampled as log sigma
                .likelihood(theta -> {                       // theta [W, 2] -> log L [W]
                    var mu = theta.select(1, 0);
                    var sigma = theta.select(1, 1);
                    return mu.sub(1.9).square().mul(20).add(12.3).div(sigma.square()).mul(-0.5)
                            .sub(sigma.log().mul(20));
                }).build();
        HmcResult r = HmcSampler.nuts(model).warmup(500).draws(500).build().run(4, new Rng(42));
        System.out.print(Summary.of(r.draws()));             // mean, sd, quantiles, MCSE, bulk/tail ESS, R-hat
        System.out.println(r.diagnostics());                 // divergences, tree depth, E-BFMI
        // docs:end nuts
        return r;
    }
}
