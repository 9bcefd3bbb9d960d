package astrograd.kernels;

import astrograd.tensor.BackendProvider;
import astrograd.tensor.Backends;
import astrograd.tensor.Device;
import astrograd.tensor.DeviceException;
import astrograd.tensor.Tensor;
import java.util.ServiceLoader;

/**
 * Run by {@link LazyLoadingTest} in a JVM of its own with {@code -verbose:class}: does CPU work, finds the
 * CUDA provider through ServiceLoader and makes a {@code Device.cuda(0)} value, prints a mark, then asks for
 * the CUDA backend and prints what happened.
 */
public final class LazyProbe {
    private LazyProbe() {
    }

    public static void main(String[] args) {
        Tensor t = Tensor.of(new float[] {1, 2, 3}).mul(2).add(1);
        int providers = 0;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            providers += p.kind() == Device.Kind.CUDA ? 1 : 0;
        }
        Device cuda = Device.cuda(0);
        System.out.println("MARK cpu sum " + t.sum().item() + ", cuda providers " + providers + ", device " + cuda);
        System.out.flush();
        try {
            Backends.of(cuda);
            System.out.println("OPENED " + cuda);
        } catch (DeviceException e) {
            System.out.println("REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
