package astrograd.astro.retrieval;

import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.tensor.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * Uniform box priors {@code θⱼ ~ U(loⱼ, hiⱼ)} over named parameters: the retrieval's prior, the region the
 * emulator's training simulations are drawn from, and the box outside which a proposal is rejected unevaluated.
 *
 * @param names parameter names
 * @param lower {@code loⱼ}
 * @param upper {@code hiⱼ > loⱼ}
 */
public record PriorBox(List<String> names, double[] lower, double[] upper) {
    public PriorBox {
        names = List.copyOf(names);
        if (lower.length != names.size() || upper.length != names.size()) {
            throw new IllegalArgumentException("prior box: " + names.size() + " names, " + lower.length + " lower and "
                    + upper.length + " upper bounds");
        }
        for (int j = 0; j < lower.length; j++) {
            if (!(upper[j] > lower[j]) || !Double.isFinite(lower[j]) || !Double.isFinite(upper[j])) {
                throw new IllegalArgumentException("prior box: " + names.get(j) + " needs finite lower < upper, got ["
                        + lower[j] + ", " + upper[j] + "]");
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /**
     * HELA's ranges for WASP-12b (Márquez-Neila et al. 2018): T ∈ [500, 2900] K, log₁₀ X of H2O, HCN, NH3 ∈ [−13, 0],
     * log₁₀ κ_cloud ∈ [−13, 2] (cm² g⁻¹).
     */
    public static PriorBox hela() {
        return new PriorBox(TransmissionModel.NAMES, new double[] {500, -13, -13, -13, -13},
                new double[] {2900, 0, 0, 0, 2});
    }

    public int dim() {
        return lower.length;
    }

    /** Whether {@code lo ≤ θ ≤ hi} in every coordinate (false at NaN). */
    public boolean contains(double[] theta) {
        for (int j = 0; j < lower.length; j++) {
            if (!(theta[j] >= lower[j] && theta[j] <= upper[j])) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} draws from the box, {@code [n][D]}, coordinate by coordinate from {@code rng}. */
    public double[][] sample(Rng rng, int n) {
        double[][] out = new double[n][dim()];
        for (double[] row : out) {
            for (int j = 0; j < dim(); j++) {
                row[j] = lower[j] + (upper[j] - lower[j]) * rng.nextDouble();
            }
        }
        return out;
    }

    /** A model builder with these parameters and uniform priors (add the likelihood). */
    public Model.Builder modelBuilder() {
        Model.Builder b = Model.builder();
        for (int j = 0; j < dim(); j++) {
            b.parameter(names.get(j), Prior.uniform(lower[j], upper[j]));
        }
        return b;
    }

    @Override
    public String toString() {
        return "PriorBox" + names + " " + Arrays.toString(lower) + " .. " + Arrays.toString(upper);
    }
}
