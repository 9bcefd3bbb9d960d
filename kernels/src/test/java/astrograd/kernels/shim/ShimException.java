package astrograd.kernels.shim;

/** The host shim refused a request (a misused barrier, a wrong parameter size) or died (a sanitizer report). */
public final class ShimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShimException(String message) {
        super(message);
    }
}
