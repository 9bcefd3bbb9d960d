package astrograd.tensor.optable;

import astrograd.kernels.CudaBackend;
import astrograd.kernels.shim.ShimDevice;
import astrograd.tensor.Backend;
import org.junit.jupiter.api.AfterAll;

/**
 * The op table on the {@link CudaBackend} over the host shim (CI, no GPU): every op of the tensor library, the
 * composites included, run through the Tensor API on {@code Device.cuda(0)} tensors, which {@link ShimDevice}
 * serves while this class runs.
 */
class ShimOpForwardTest extends DeviceOpForwardContract {

    @Override
    protected Backend backend() {
        return ShimDevice.backend();
    }

    /** One draw per case (the first of the CPU test's three): the shim runs each block's threads in turn. */
    @Override
    protected int draws() {
        return 1;
    }

    @Override
    protected long liveBytes() {
        return ShimDevice.backend().allocator().liveBytes();
    }

    @AfterAll
    static void stopShim() {
        ShimDevice.release();
    }
}
