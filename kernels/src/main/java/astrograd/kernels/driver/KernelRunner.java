package astrograd.kernels.driver;

import astrograd.kernels.CudaException;
import java.util.Set;

/**
 * Launches kernels through a {@link DeviceDriver} with two checks the driver does not make: the kernel must
 * be one the fatbin holds (a typo fails here with the name, not as a driver error), and, with the debug
 * switch {@code -Dastrograd.cuda.sync=true}, every launch is followed by a synchronize so that a failing
 * kernel is reported by name at its own launch rather than at some later copy.
 */
public final class KernelRunner {
    /** The system property of the debug switch. */
    public static final String SYNC_PROPERTY = "astrograd.cuda.sync";

    private final DeviceDriver driver;
    private final Set<String> kernels;
    private final boolean syncAfterLaunch;

    /**
     * @param driver the device
     * @param kernels the kernel names that may be launched
     * @param syncAfterLaunch whether to synchronize after each launch (debugging)
     */
    public KernelRunner(DeviceDriver driver, Set<String> kernels, boolean syncAfterLaunch) {
        this.driver = driver;
        this.kernels = kernels;
        this.syncAfterLaunch = syncAfterLaunch;
    }

    /** A runner over the fatbin's kernels, synchronizing when {@value #SYNC_PROPERTY} is true. */
    public static KernelRunner of(DeviceDriver driver) {
        return new KernelRunner(driver, Fatbin.kernels(), Boolean.getBoolean(SYNC_PROPERTY));
    }

    /** The driver launches go to. */
    public DeviceDriver driver() {
        return driver;
    }

    /** Launches kernel {@code name}. */
    public void launch(String name, Launch launch, KernelArgs args) {
        if (!kernels.contains(name)) {
            throw new IllegalArgumentException("no kernel " + name + " in astrograd.fatbin (kernels/src/main/cuda; "
                    + "after adding one, run kernels/build-fatbin --update)");
        }
        driver.launch(name, launch, args);
        if (syncAfterLaunch) {
            try {
                driver.synchronize();
            } catch (CudaException e) {
                throw e.inKernel(name + " (" + launch + ")");
            }
        }
    }
}
