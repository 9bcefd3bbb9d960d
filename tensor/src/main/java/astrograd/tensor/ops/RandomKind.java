package astrograd.tensor.ops;

/** What a backend's Philox fill produces per element (see {@code astrograd.tensor.Rng} for the exact mapping). */
public enum RandomKind {
    /** Uniform on [0, 1). */
    UNIFORM,
    /** Standard normal. */
    NORMAL,
    /** Raw 32-bit words (I32) or two words joined (I64). */
    BITS
}
