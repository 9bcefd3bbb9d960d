package astrograd.tensor.ops;

/** Reductions over a set of axes. Sums of F32 accumulate in a fixed order (pairwise blocks). */
public enum ReduceOp {
    SUM, PROD, MAX, MIN;

    public String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
