package astrograd.tensor.ops;

/** Elementwise maps of two tensors of equal shape and dtype (broadcasting is done by the tensor layer). */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    /** {@code atan2(a, b)}: the angle of the point (b, a), in [-π, π]. */
    ATAN2,
    EQ, NE, LT, LE, GT, GE,
    AND, OR;

    private final String opName = name().toLowerCase(java.util.Locale.ROOT);

    /** Comparisons produce BOOL from any dtype. */
    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    /** Logical ops take and produce BOOL. */
    public boolean isLogical() {
        return this == AND || this == OR;
    }

    /** The name in messages, e.g. {@code add}. */
    public String opName() {
        return opName;
    }
}
