package astrograd.kernels.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.kernels.CudaBackend;
import astrograd.kernels.driver.Fatbin;
import astrograd.kernels.driver.KernelRunner;
import astrograd.kernels.shim.ShimBinary;
import astrograd.kernels.shim.ShimDriver;
import astrograd.tensor.Backend;
import astrograd.tensor.Device;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;

/**
 * The contract on the {@link CudaBackend} over the host shim: the real kernel sources, compiled by g++ with
 * AddressSanitizer, launched with the backend's own plans and arguments, compared with the CPU backend. This
 * is how CI checks kernel semantics without a GPU; skipped, saying why, where g++ is missing. Live device bytes
 * must be back to zero after every test.
 */
class ShimBackendContractTest extends ImageLinalgContract {
    private static ShimDriver driver;
    private static CudaBackend backend;

    @Override
    protected Backend backend() {
        if (driver != null && !driver.isAlive()) {
            // a kernel crashed the shim in an earlier test (that test failed with the report): start afresh
            driver = null;
            backend = null;
        }
        if (backend == null) {
            String why = ShimBinary.unavailableReason();
            Assumptions.assumeTrue(why == null, () -> "host shim unavailable: " + why);
            try {
                driver = new ShimDriver();
            } catch (IOException e) {
                throw new IllegalStateException("starting the host shim", e);
            }
            backend = new CudaBackend(Device.cuda(0), new KernelRunner(driver, Fatbin.kernels(), false));
        }
        return backend;
    }

    @Override
    protected void afterScope() {
        assertEquals(0, backend.allocator().liveBytes(), "device bytes still live after the test's scope closed");
    }

    @AfterAll
    static void stopShim() throws IOException {
        if (driver != null) {
            driver.close();
            driver = null;
            backend = null;
        }
    }
}
