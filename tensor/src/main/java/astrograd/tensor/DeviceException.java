package astrograd.tensor;

/** Thrown when tensors on different devices meet, or a device is not available. The message names the op. */
public class DeviceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }
}
