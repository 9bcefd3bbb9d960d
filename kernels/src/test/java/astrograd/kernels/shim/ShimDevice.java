package astrograd.kernels.shim;

import astrograd.kernels.CudaBackend;
import astrograd.kernels.driver.Fatbin;
import astrograd.kernels.driver.KernelRunner;
import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.Device;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code Device.cuda(0)} served by the {@link CudaBackend} over the host shim, for tests that go through the public
 * Tensor and Var APIs (which find a device's backend in {@link Backends}): {@link #backend()} starts the shim and
 * puts its backend into {@code Backends}' table of open backends (by reflection: the tests' only way in);
 * {@link #release()} takes it out again, so that other test classes in the same JVM still see no GPU. Skips
 * (assumption) where g++ is missing.
 */
public final class ShimDevice {
    private static ShimDriver driver;
    private static CudaBackend backend;

    private ShimDevice() {
    }

    /** The shim-backed backend registered for cuda:0 (restarted if a kernel crashed the shim). */
    public static synchronized CudaBackend backend() {
        if (driver != null && !driver.isAlive()) {
            release();
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
            openBackends().put(Device.cuda(0), backend);
        }
        return backend;
    }

    /** Unregisters the backend and stops the shim. */
    public static synchronized void release() {
        openBackends().remove(Device.cuda(0));
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
