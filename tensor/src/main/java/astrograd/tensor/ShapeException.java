package astrograd.tensor;

/** Thrown when shapes are incompatible: ranks, sizes or axes do not fit the op. The message names the op. */
public class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
