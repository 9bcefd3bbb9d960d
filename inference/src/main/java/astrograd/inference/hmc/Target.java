package astrograd.inference.hmc;

/** A log-density on {@code ℝᴰ} with its gradient, as the Hamiltonian samplers see it (one point at a time). */
interface Target {
    /** Dimension D. */
    int dim();

    /**
     * {@code log π(q)}, writing {@code ∂ log π/∂q} into {@code grad}. A point where the value or gradient is not
     * finite reads {@code −∞} with a zero gradient.
     */
    double logDensityGradient(double[] q, double[] grad);
}
