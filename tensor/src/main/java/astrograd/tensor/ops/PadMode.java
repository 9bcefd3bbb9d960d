package astrograd.tensor.ops;

/** How {@code Tensor.pad} fills the new border. */
public enum PadMode {
    /** A constant value. */
    CONSTANT,
    /** Wrap around (periodic): index i reads x[(i - before) mod n]; pads may exceed the axis length. */
    CIRCULAR,
    /** Mirror without repeating the edge (as PyTorch's 'reflect'), continued periodically for long pads. */
    REFLECT,
    /** Repeat the edge value. */
    REPLICATE
}
