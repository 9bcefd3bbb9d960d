package astrograd.tensor.ops;

/** Index of the largest / smallest element along one axis (first occurrence on ties; NaN wins). */
public enum ArgReduceOp {
    ARGMAX, ARGMIN
}
