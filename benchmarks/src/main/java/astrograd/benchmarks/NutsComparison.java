package astrograd.benchmarks;

import astrograd.astro.sampling.BuiltinModels;
import astrograd.autodiff.Var;
import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.hmc.HmcResult;
import astrograd.inference.hmc.HmcSampler;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The astrograd side of {@code benchmarks/compare-stan}: NUTS (diagonal metric, Stan's defaults) on the 100-D
 * independent Gaussian with scales log-spaced 0.01..100 and the non-centered eight schools (the built-in model:
 * μ ~ N(0, 5), τ ~ half-Cauchy(0, 5), η ~ N(0, 1)), chains one after another. Each workload runs twice in the same
 * JVM with the same seed: "cold" (first run, JIT still compiling) and "warm". The eight schools run as the built-in
 * model and as {@link #eightSchoolsVectorized()}, the same posterior with its normal priors in one vector op. Every
 * workload runs with the chains one after another and again "batched" ({@code HmcSampler.Builder.batchChains}: the
 * chains advance together in one thread, one evaluation of all their points per leapfrog step; same draws). Min bulk
 * ESS over parameters is
 * {@link Convergence#essBulk} of the post-warm-up draws; the same estimator is applied to Stan's draws read from
 * {@code stanDir/stan-<id>.csv} (written by {@code stan_workloads.R}), printed as {@code side: "stan-ess"}.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks.jar astrograd.benchmarks.NutsComparison
 *     chains warmup draws stanDir [seed]</pre>
 */
public final class NutsComparison {
    private NutsComparison() {
    }

    public static void main(String[] args) throws IOException {
        int chains = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int draws = Integer.parseInt(args[2]);
        Path stanDir = Path.of(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        String[] ids = {"gauss100", "eight-schools-nc"};
        String[][] variants = {{"vectorized"}, {"built-in", "vectorized"}};
        Model[][] models = {{gaussian(logSpaced(0.01, 100, 100))},
                {BuiltinModels.eightSchools(10, false).model(), eightSchoolsVectorized()}};
        for (int k = 0; k < ids.length; k++) {
            for (int v = 0; v < variants[k].length; v++) {
                for (boolean batched : new boolean[] {false, true}) {
                    String variant = variants[k][v] + (batched ? " batched" : "");
                    for (String phase : new String[] {"cold", "warm"}) {
                        System.out.println(run(ids[k], variant, phase, models[k][v], chains, warmup, draws, seed,
                                batched));
                    }
                }
            }
            Path csv = stanDir.resolve("stan-" + ids[k] + ".csv");
            if (Files.exists(csv)) {
                double[] ess = stanEss(csv, chains);
                System.out.println(String.format(Locale.ROOT, "{\"side\": \"stan-ess\", \"workload\": \"%s\", "
                        + "\"min_ess_bulk\": %.1f}", ids[k], min(ess)));
            }
        }
    }

    private static String run(String id, String variant, String phase, Model model, int chains, int warmup,
            int draws, long seed, boolean batched) {
        HmcSampler s = HmcSampler.nuts(model).warmup(warmup).draws(draws).parallel(false).batchChains(batched).build();
        long t0 = System.nanoTime();
        HmcResult r = s.run(chains, new Rng(seed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Draws d = r.draws();
        double[] ess = new double[d.dim()];
        for (int j = 0; j < d.dim(); j++) {
            ess[j] = Convergence.essBulk(d.parameter(j));
        }
        return String.format(Locale.ROOT, "{\"side\": \"astrograd\", \"workload\": \"%s\", \"model\": \"%s\", "
                + "\"phase\": \"%s\", \"chains\": %d, \"warmup\": %d, \"draws\": %d, \"seconds\": %.3f, "
                + "\"gradients\": %d, \"divergences\": %d, \"accept\": %.4f, \"min_ess_bulk\": %.1f, "
                + "\"min_ess_param\": \"%s\"}", id, variant, phase, chains, warmup, draws, seconds,
                r.gradientEvaluations(), r.divergences(), meanAccept(r), min(ess), d.names().get(argmin(ess)));
    }

    /** The mean accept statistic of the post-warm-up transitions over all chains. */
    private static double meanAccept(HmcResult r) {
        return r.chains().stream().mapToDouble(c -> c.stats().meanAcceptStat()).average().orElse(Double.NaN);
    }

    /** Bulk ESS of each column of a CSV of draws written chain after chain (header line first). */
    static double[] stanEss(Path csv, int chains) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int dim = lines.get(0).split(",").length;
        int n = (lines.size() - 1) / chains;
        double[][][] x = new double[dim][chains][n];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            int c = (i - 1) / n;
            int t = (i - 1) % n;
            for (int j = 0; j < dim; j++) {
                x[j][c][t] = Double.parseDouble(f[j]);
            }
        }
        double[] ess = new double[dim];
        for (int j = 0; j < dim; j++) {
            ess[j] = Convergence.essBulk(x[j]);
        }
        return ess;
    }

    /** Independent Gaussian {@code −½ Σ (xᵢ/sᵢ)²}, as the inference tests' {@code Targets.independentGaussian}. */
    static Model gaussian(double[] scales) {
        double[] inv = new double[scales.length];
        for (int i = 0; i < scales.length; i++) {
            inv[i] = 1 / scales[i];
        }
        Var w = Var.constant(Tensor.of(inv, 1, inv.length));
        return Model.of(theta -> theta.mul(w).square().sum(new int[] {1}, false).mul(-0.5), scales.length);
    }

    /**
     * The same posterior as {@code BuiltinModels.eightSchools(10, false)} (parameters mu, tau, eta1..eta8; μ ~ N(0, 5),
     * τ ~ half-Cauchy(0, 5), ηⱼ ~ N(0, 1), yⱼ ~ N(μ + τηⱼ, σⱼ)), with the normal priors of μ and η written in the
     * log-density as one vector op (flat priors in the model), as Stan's vectorized statements, instead of nine
     * scalar priors; τ's half-Cauchy stays the model's prior (log transform and Jacobian by the model).
     */
    static Model eightSchoolsVectorized() {
        double[] y = {28, 8, -3, 7, -1, 1, 18, 12};
        double[] sigma = {15, 10, 16, 11, 9, 11, 10, 18};
        double[] inv = new double[8];
        for (int j = 0; j < 8; j++) {
            inv[j] = 1 / sigma[j];
        }
        double sc = 5;
        double norm = Math.log(2 / (Math.PI * sc));
        Model.Builder b = Model.builder().parameter("mu", Prior.flat()).parameter("tau", Prior.custom(
                "halfCauchy(5)", x -> x.div(sc).square().add(1).log().neg().add(norm), 0, Double.POSITIVE_INFINITY));
        for (int j = 1; j <= 8; j++) {
            b.parameter("eta" + j, Prior.flat());
        }
        Var yv = Var.constant(Tensor.of(y, 1, 8));
        Var invSigma = Var.constant(Tensor.of(inv, 1, 8));
        double[] ps = {0.2, 1, 1, 1, 1, 1, 1, 1, 1};
        Var invPriorScale = Var.constant(Tensor.of(ps, 1, 9));
        int[] one = {1};
        return b.likelihood(theta -> {
            Var mu = theta.narrow(1, 0, 1);
            Var tau = theta.narrow(1, 1, 1);
            Var eta = theta.narrow(1, 2, 8);
            Var normals = Var.cat(1, mu, eta).mul(invPriorScale).square().sum(one, false).mul(-0.5);
            Var resid = mu.add(tau.mul(eta)).sub(yv).mul(invSigma);
            return resid.square().sum(one, false).mul(-0.5).add(normals);
        }).build();
    }

    static double[] logSpaced(double lo, double hi, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
        }
        return s;
    }

    private static double min(double[] a) {
        return a[argmin(a)];
    }

    private static int argmin(double[] a) {
        int k = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[k]) {
                k = i;
            }
        }
        return k;
    }
}
