package astrograd.tensor.optable;

import astrograd.kernels.CudaBackend;
import astrograd.kernels.driver.Fatbin;
import astrograd.kernels.driver.KernelRunner;
import astrograd.kernels.shim.ShimBinary;
import astrograd.kernels.shim.ShimDriver;
import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.Device;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;

/**
 * The op table on the {@link CudaBackend} over the host shim (CI, no GPU): every op of the tensor library, the
 * composites included, run through the Tensor API on {@code Device.cuda(0)} tensors. For the Tensor API to find the
 * shim-backed backend, this class puts it into {@link Backends}' table of open backends for {@code cuda:0} while it
 * runs (by reflection: the tests' only way in) and takes it out afterwards, so other test classes in the same JVM
 * still see no GPU.
 */
class ShimOpForwardTest extends DeviceOpForwardContract {
    private static ShimDriver driver;
    private static CudaBackend backend;

    @Override
    protected Backend backend() {
        if (driver != null && !driver.isAlive()) {
            unregister();
        }
        if (backend == null) {
            String why = ShimBinary.unavailableReason();
            Assumptions.assumeTrue(why == null, () -> "host shim unavailable: " + why);
            try {
                driver = new ShimDriver();
            } catch (IOException e) {
                throw new IllegalStateException("starting the host shim", e);
            }
            backend = new CudaBackend(cuda(), new KernelRunner(driver, Fatbin.kernels(), false));
            openBackends().put(cuda(), backend);
        }
        return backend;
    }

    /** One draw per case (the first of the CPU test's three): the shim runs each block's threads in turn. */
    @Override
    protected int draws() {
        return 1;
    }

    @Override
    protected long liveBytes() {
        return backend.allocator().liveBytes();
    }

    @AfterAll
    static void stopShim() throws IOException {
        unregister();
    }

    private static void unregister() {
        openBackends().remove(cuda());
        if (driver != null) {
            try {
                driver.close();
            } catch (IOException e) {
                // the shim process is gone either way
            }
        }
        driver = null;
        backend = null;
    }

    @SuppressWarnings("unchecked")
    private static Map<Device, Backend> openBackends() {
        try {
            Field f = Backends.class.getDeclaredField("OPEN");
            f.setAccessible(true);
            return (Map<Device, Backend>) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Backends has no table of open backends to register the shim in", e);
        }
    }
}
