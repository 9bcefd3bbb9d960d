package astrograd.inference.hmc;

/** Which metric the sampler uses and adapts in warm-up. */
public enum MetricKind {
    /** {@code M = I}, never adapted. */
    UNIT,
    /** {@code M⁻¹ = diag(σ²)}, the regularized posterior variances (Stan's {@code diag_e}, its default). */
    DIAGONAL,
    /** {@code M⁻¹ = Σ}, the regularized posterior covariance (Stan's {@code dense_e}). */
    DENSE
}
