package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/**
 * The Euclidean metric of Hamiltonian Monte Carlo: momenta {@code p ~ N(0, M)} and kinetic energy
 * {@code K(p) = ½ pᵀ M⁻¹ p}, so that {@code H(q, p) = −log π(q) + K(p)}. Adaptation estimates the inverse metric
 * {@code M⁻¹} as the posterior covariance (its diagonal for {@link #diagonal}). Immutable.
 */
public interface Metric {
    /** Dimension D. */
    int dim();

    /** Fills {@code p} with a draw from {@code N(0, M)}, using {@code D} standard normals from {@code rng}. */
    void sampleMomentum(Rng rng, double[] p);

    /** {@code K(p) = ½ pᵀ M⁻¹ p}. */
    double kineticEnergy(double[] p);

    /** The velocity {@code dq/dt = ∂K/∂p = M⁻¹ p} into {@code out} (Stan's {@code dtau_dp}, the "sharp" momentum). */
    void velocity(double[] p, double[] out);

    /** {@code M⁻¹} as a dense {@code [D][D]} matrix (a copy). */
    double[][] inverseMetric();

    /** The unit metric {@code M = I}. */
    static Metric unit(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("metric: dimension must be >= 1, got " + dim);
        }
        double[] ones = new double[dim];
        java.util.Arrays.fill(ones, 1);
        return new DiagonalMetric(ones);
    }

    /** The diagonal metric with {@code M⁻¹ = diag(inverseDiagonal)} (all entries positive and finite). */
    static Metric diagonal(double[] inverseDiagonal) {
        return new DiagonalMetric(inverseDiagonal.clone());
    }

    /** The dense metric with {@code M⁻¹ = inverse} (symmetric positive definite, held through its Cholesky factor). */
    static Metric dense(double[][] inverse) {
        return new DenseMetric(inverse);
    }
}
