package astrograd.tensor.optable;

import astrograd.kernels.CudaBackend;
import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.DeviceException;
import org.junit.jupiter.api.Assumptions;

/**
 * The op table on a real GPU ({@code Device.cuda(0)} through JCuda); skipped, with the reason, where there is no
 * usable GPU. Run by {@code kernels/device-check}.
 */
public class CudaOpForwardTest extends DeviceOpForwardContract {
    private static CudaBackend backend;
    private static String unavailable;

    @Override
    protected Backend backend() {
        if (backend == null && unavailable == null) {
            try {
                backend = (CudaBackend) Backends.of(cuda());
            } catch (DeviceException e) {
                unavailable = e.getMessage();
            }
        }
        Assumptions.assumeTrue(backend != null, () -> "no CUDA device: " + unavailable);
        return backend;
    }

    @Override
    protected long liveBytes() {
        backend.synchronize();
        return backend.allocator().liveBytes();
    }
}
