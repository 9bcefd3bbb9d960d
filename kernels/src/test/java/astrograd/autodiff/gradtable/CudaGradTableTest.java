package astrograd.autodiff.gradtable;

import astrograd.kernels.CudaBackend;
import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.Device;
import astrograd.tensor.DeviceException;
import org.junit.jupiter.api.Assumptions;

/** The gradient table on a real GPU; skipped, with the reason, where there is none. Run by the device check. */
public class CudaGradTableTest extends DeviceGradTableContract {
    private static CudaBackend backend;
    private static String unavailable;

    @Override
    protected Backend backend() {
        if (backend == null && unavailable == null) {
            try {
                backend = (CudaBackend) Backends.of(Device.cuda(0));
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
