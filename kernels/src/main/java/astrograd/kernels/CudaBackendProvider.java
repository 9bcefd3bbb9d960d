package astrograd.kernels;

import astrograd.tensor.Backend;
import astrograd.tensor.BackendProvider;
import astrograd.tensor.Device;

/**
 * Serves {@code Device.cuda(i)} to {@link astrograd.tensor.Backends} through {@link java.util.ServiceLoader}.
 * Loading this class loads no JCuda class: JCuda and the driver are touched only in {@link #open}.
 */
public final class CudaBackendProvider implements BackendProvider {

    @Override
    public Device.Kind kind() {
        return Device.Kind.CUDA;
    }

    /**
     * @throws CudaUnavailableException saying why the device cannot be used (no driver, driver older than
     *     CUDA 13, no such device)
     */
    @Override
    public Backend open(Device device) {
        return CudaBackend.open(device.index());
    }
}
