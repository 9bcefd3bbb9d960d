package astrograd.benchmarks;

import astrograd.astro.sampling.BuiltinModel;
import astrograd.astro.sampling.BuiltinModels;
import astrograd.inference.demc.DemcResult;
import astrograd.inference.demc.DemcSampler;
import astrograd.inference.diagnostics.Autocorrelation;
import astrograd.inference.ensemble.EnsembleChain;
import astrograd.inference.ensemble.EnsembleSampler;
import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The astrograd side of {@code benchmarks/compare-samplers}: effective samples per second of the ensemble sampler
 * (stretch move, as emcee's default) and of DEMC on the 20-D correlated Gaussian and the Rosenbrock density. Each
 * sampler and workload runs four times in a row, all with the same seed: the first timed ("cold": in a fresh JVM the
 * Vector API kernels are still interpreted for tens of thousands of steps), two untimed, the fourth timed ("warm",
 * compiled: a long run's steady state). The ESS is {@code W·(N − burn-in)/τ_max} with
 * τ emcee's integrated autocorrelation time (c = 5, ACF averaged over walkers or chains) of the kept steps, the same
 * estimator as {@code emcee.autocorr.integrated_time} on the Python side. Prints one JSON object per line.
 *
 * <p>Steps: {@code steps} (default 20 000) for the Gaussian, five times as many for the Rosenbrock density, whose τ
 * is about 1000 steps.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks.jar astrograd.benchmarks.SamplerComparison [steps]</pre>
 */
public final class SamplerComparison {
    private SamplerComparison() {
    }

    /** One workload: a model, walkers (ensemble) or chains (DEMC), steps. */
    private record Workload(String id, BuiltinModel model, int walkers, int chains, int steps) {
    }

    public static void main(String[] args) {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Workload> work = List.of(new Workload("gauss20", BuiltinModels.gaussian(20, 0.9), 64, 40, scale),
                new Workload("rosenbrock", BuiltinModels.rosenbrock(2), 32, 8, 5 * scale));
        for (Workload w : work) {
            String cold = ensemble(w, w.steps, "cold");
            ensemble(w, w.steps, "warm-up");
            ensemble(w, w.steps, "warm-up");
            System.out.println(cold);
            System.out.println(ensemble(w, w.steps, "warm"));
            cold = demc(w, w.steps, "cold");
            demc(w, w.steps, "warm-up");
            demc(w, w.steps, "warm-up");
            System.out.println(cold);
            System.out.println(demc(w, w.steps, "warm"));
        }
    }

    private static String ensemble(Workload w, int steps, String phase) {
        EnsembleSampler s = EnsembleSampler.builder(w.model.model()).walkers(w.walkers).build();
        Rng rng = new Rng(42);
        var start = w.model.initializer().initial(0, w.walkers, w.model.model(), rng.split());
        long t0 = System.nanoTime();
        EnsembleChain c = s.run(start, steps, rng);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int burn = steps / 5;
        double tau = 0;
        for (int d = 0; d < w.model.dim(); d++) {
            tau = Math.max(tau, Autocorrelation.integratedTime(kept(c.walkerSeries(d), burn), 5, 50, true).tau());
        }
        double acc = Arrays.stream(c.acceptanceFraction()).average().orElse(0);
        return json(w.id, "ensemble-stretch", phase, w.walkers, steps, seconds, tau, w.walkers * (steps - burn) / tau, acc);
    }

    private static String demc(Workload w, int steps, String phase) {
        DemcSampler s = DemcSampler.builder(w.model.model()).chains(w.chains).build();
        long t0 = System.nanoTime();
        DemcResult r = s.run(w.model.initializer(), steps, new Rng(42));
        double seconds = (System.nanoTime() - t0) / 1e9;
        int burn = steps / 5;
        double tau = 0;
        for (int d = 0; d < w.model.dim(); d++) {
            tau = Math.max(tau, Autocorrelation.integratedTime(r.draws(burn).parameter(d), 5, 50, true).tau());
        }
        return json(w.id, "demcz-snooker", phase, w.chains, steps, seconds, tau, w.chains * (steps - burn) / tau,
                r.meanAcceptance());
    }

    private static double[][] kept(double[][] series, int burn) {
        double[][] out = new double[series.length][];
        for (int k = 0; k < series.length; k++) {
            out[k] = Arrays.copyOfRange(series[k], burn, series[k].length);
        }
        return out;
    }

    private static String json(String id, String sampler, String phase, int walkers, int steps, double seconds, double tau,
            double ess, double acceptance) {
        List<String> f = new ArrayList<>();
        f.add("\"side\": \"astrograd\"");
        f.add("\"workload\": \"" + id + "\"");
        f.add("\"sampler\": \"" + sampler + "\"");
        f.add("\"phase\": \"" + phase + "\"");
        f.add("\"threads\": " + EnginePool.threads());
        f.add(String.format(Locale.ROOT, "\"walkers\": %d, \"steps\": %d, \"seconds\": %.4f, \"tau_max\": %.2f, "
                + "\"ess\": %.1f, \"ess_per_s\": %.2f, \"acceptance\": %.4f", walkers, steps, seconds, tau, ess,
                ess / seconds, acceptance));
        return "{" + String.join(", ", f) + "}";
    }
}
