package astrograd.tensor;

import astrograd.tensor.cpu.CpuBackend;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the backend of a device: the CPU backend directly, others through {@link BackendProvider}s found by
 * {@link ServiceLoader}. astrograd's CUDA backend is the {@code astrograd-kernels} module: with it on the class
 * path, {@code Device.cuda(i)} is served by it (the whole contract, checked on the CPU through a host
 * shim and not yet run on a GPU; see {@code kernels/README.md}); without it, every non-CPU device fails with a
 * {@link DeviceException}.
 */
public final class Backends {
    private static final Map<Device, Backend> OPEN = new ConcurrentHashMap<>();

    private Backends() {
    }

    /** The CPU backend. */
    public static Backend cpu() {
        return CpuBackend.INSTANCE;
    }

    /**
     * The backend serving {@code device}, opened on first use.
     *
     * @throws DeviceException if no provider serves the device kind, or the provider cannot open it
     */
    public static Backend of(Device device) {
        if (device.isCpu()) {
            return CpuBackend.INSTANCE;
        }
        return OPEN.computeIfAbsent(device, Backends::open);
    }

    private static Backend open(Device device) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.kind() == device.kind()) {
                return p.open(device);
            }
        }
        throw new DeviceException("device " + device + ": no backend for " + device.kind() + " is on the class path;"
                + " the CUDA backend is the astrograd-kernels module (the whole backend contract, checked through a host"
                + " shim; not yet run on a GPU), or use Device.cpu()");
    }
}
