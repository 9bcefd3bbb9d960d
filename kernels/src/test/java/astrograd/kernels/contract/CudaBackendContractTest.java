package astrograd.kernels.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.kernels.CudaBackend;
import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.Device;
import astrograd.tensor.DeviceException;
import org.junit.jupiter.api.Assumptions;

/**
 * The contract on a real GPU ({@code Device.cuda(0)} through JCuda): every implemented op against the CPU
 * backend, Philox bit-identical, live device bytes back to zero after each test. Skipped, with the reason,
 * where there is no usable GPU. Run by {@code kernels/device-check}.
 */
public class CudaBackendContractTest extends ImageLinalgContract {
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
    protected void afterScope() {
        backend.synchronize();
        assertEquals(0, backend.allocator().liveBytes(), "device bytes still live after the test's scope closed");
    }
}
