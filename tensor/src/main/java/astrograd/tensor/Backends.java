package astrograd.tensor;

import astrograd.tensor.cpu.CpuBackend;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the backend of a device: the CPU backend directly, others through {@link BackendProvider}s found by
 * {@link ServiceLoader}. astrograd itself provides none so far: its CUDA backend (planned for the
 * {@code kernels/} module) is not written yet, so every non-CPU device fails with a {@link DeviceException}
 * unless a third-party provider is on the class path.
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
                + " astrograd has only its CPU backend so far (the CUDA backend is not written yet): use Device.cpu()");
    }
}
