package astrograd.kernels;

import astrograd.kernels.memory.DeviceBuffer;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Storage;
import astrograd.tensor.TensorScope;

/**
 * Device storage of one dtype in one {@link DeviceBuffer}. It registers with the open {@link TensorScope},
 * whose close releases the buffer; unscoped storage is released by the buffer's cleaner when unreachable.
 * BOOL elements are one byte each.
 */
public final class CudaStorage extends Storage {
    private final Device device;
    private final DeviceBuffer buffer;

    CudaStorage(Device device, DType dtype, int size, DeviceBuffer buffer) {
        super(dtype, size);
        this.device = device;
        this.buffer = buffer;
        TensorScope.register(this);
    }

    @Override
    public Device device() {
        return device;
    }

    /** The device address of element 0. */
    public long address() {
        return buffer.address();
    }

    /** The device address of element {@code index}. */
    public long address(int index) {
        return buffer.address() + (long) index * dtype().byteSize();
    }

    /** Whether the memory was given back. */
    public boolean isReleased() {
        return buffer.isClosed();
    }

    @Override
    protected void release() {
        buffer.close();
    }

    /** Gives the memory back now (a backend's temporaries); reads afterwards throw. */
    void releaseNow() {
        buffer.close();
    }
}
