package astrograd.inference.model;

/** Where a sampler moves: the parameters themselves, or the real line through each parameter's bijection. */
public enum Space {
    /** The model's own parameters; {@code log p(θ)}. */
    CONSTRAINED,
    /** {@code u} with {@code θ = f(u)}; {@code log p(f(u)) + Σ log |f'(u)|}. */
    UNCONSTRAINED
}
