package astrograd.tensor.ops;

/**
 * Elementwise maps of one tensor. Floating ops accept F32/F64 (integer inputs are promoted to F32 by the
 * tensor layer); NEG, ABS, SIGN, SQUARE and RELU also keep integer dtypes; NOT takes BOOL.
 */
public enum UnaryOp {
    NEG, ABS, SIGN, SQUARE, RELU,
    EXP, LOG, LOG1P, EXPM1, SQRT, RSQRT, SIN, COS, TANH, SIGMOID,
    /** log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|). */
    SOFTPLUS,
    ERF, LGAMMA,
    /** ψ(x) = d/dx log Γ(x). */
    DIGAMMA,
    /** ψ₁(x) = d/dx ψ(x). */
    TRIGAMMA,
    NOT;

    private final String opName = name().toLowerCase(java.util.Locale.ROOT);

    /** True if the op keeps integer dtypes instead of requiring a floating input. */
    public boolean keepsIntegers() {
        return this == NEG || this == ABS || this == SIGN || this == SQUARE || this == RELU;
    }

    /** The name in messages, e.g. {@code add}. */
    public String opName() {
        return opName;
    }
}
