package astrograd.benchmarks;

import astrograd.inference.uq.GaussianMlp;
import astrograd.inference.uq.GaussianModel;
import astrograd.inference.uq.MomentAccumulator;
import astrograd.inference.uq.Predictive;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * plan-net's Monte-Carlo prediction, the astrograd side of {@code benchmarks/compare-plannet-mc}: M concrete-dropout
 * members {@code 13 → 4 × 1024 → (5 + 15)} (F32), T passes each over n standard-normal spectra, each pass giving the
 * mean, the precision factor (softplus diagonal), the covariance {@code (L Lᵀ)⁻¹}, accumulated into the mixture's
 * mean and total covariance in F64 ({@link Predictive#moments}). Prints one JSON line:
 * {@code {"side": "astrograd", "seconds": best of reps, ...}}.
 *
 * <p>Arguments: {@code n members passes reps} (default 10000 5 100 1).
 */
public final class PlanNetMcComparison {
    private PlanNetMcComparison() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Rng rng = new Rng(2019);
        GaussianMlp.Config config = GaussianMlp.Config.of(13, new int[] {1024, 1024, 1024, 1024}, 5,
                GaussianMlp.Kind.CONCRETE_DROPOUT, 70_000);
        List<GaussianModel> predictors = new ArrayList<>();
        for (Rng r : rng.split(members)) {
            predictors.add(new GaussianMlp(config, DType.F32, r).predictor());
        }
        Tensor x = rng.randn(DType.F32, n, 13);
        Predictive.moments(predictors, x.narrow(0, 0, Math.min(n, 256)), 1);
        double best = Double.POSITIVE_INFINITY;
        double checksum = 0;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            MomentAccumulator acc = Predictive.moments(predictors, x, passes);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            checksum = acc.covariance().sum().item();
        }
        System.out.printf(Locale.ROOT, "{\"side\": \"astrograd\", \"n\": %d, \"members\": %d, \"passes\": %d, "
                + "\"seconds\": %.4f, \"checksum_trace_sum\": %.6g}%n", n, members, passes, best, checksum);
    }
}
