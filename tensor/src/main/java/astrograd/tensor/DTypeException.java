package astrograd.tensor;

/** Thrown when an op is given a dtype it does not accept, or two dtypes that cannot meet. The message names the op. */
public class DTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DTypeException(String message) {
        super(message);
    }
}
