package astrograd.tensor;

/** Thrown by Cholesky when a matrix of the batch is not (numerically) symmetric positive definite. */
public class NotPositiveDefiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int batchIndex;

    public NotPositiveDefiniteException(String message, int batchIndex) {
        super(message);
        this.batchIndex = batchIndex;
    }

    /** Flat index of the failing matrix in the batch. */
    public int batchIndex() {
        return batchIndex;
    }
}
