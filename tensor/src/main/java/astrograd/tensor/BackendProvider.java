package astrograd.tensor;

/**
 * Service-provider hook for non-CPU backends ({@code META-INF/services/astrograd.tensor.BackendProvider}).
 * Providers must not load device libraries until {@link #open} is called.
 */
public interface BackendProvider {
    /** The device kind this provider serves. */
    Device.Kind kind();

    /**
     * Opens the backend for one device.
     *
     * @throws DeviceException saying why the device is unavailable (no driver, no such device)
     */
    Backend open(Device device);
}
