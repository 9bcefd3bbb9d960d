package astrograd.tensor.ops;

/** Reductions over a set of axes. Sums of F32 accumulate in a fixed order (pairwise blocks). */
public enum ReduceOp {
    SUM, PROD, MAX, MIN;

    private final String opName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in messages, e.g. {@code add}. */
    public String opName() {
        return opName;
    }
}
