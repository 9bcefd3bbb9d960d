package astrograd.kernels;

import astrograd.kernels.driver.DeviceDriver;
import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.driver.KernelRunner;
import astrograd.kernels.driver.Launch;
import astrograd.kernels.memory.CachingAllocator;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.DeviceException;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;

/** What the CUDA op families share: the device, its driver, allocator and kernel runner. */
final class DeviceContext {
    final Device device;
    final DeviceDriver driver;
    final CachingAllocator allocator;
    final KernelRunner runner;

    DeviceContext(Device device, DeviceDriver driver, KernelRunner runner) {
        this.device = device;
        this.driver = driver;
        this.allocator = new CachingAllocator(driver, device.toString());
        this.runner = runner;
    }

    /** Storage of n elements, contents unspecified. */
    CudaStorage storage(DType dtype, int n) {
        return new CudaStorage(device, dtype, n, allocator.allocate((long) n * dtype.byteSize()));
    }

    /** Zero-filled storage of n elements. */
    CudaStorage zeros(DType dtype, int n) {
        CudaStorage s = storage(dtype, n);
        if (n > 0) {
            driver.memsetZero(s.address(), (long) n * dtype.byteSize());
        }
        return s;
    }

    /** A new contiguous tensor of the shape, contents unspecified. */
    Tensor empty(DType dtype, int[] shape) {
        return new Tensor(storage(dtype, Shape.numel(shape)), shape.clone());
    }

    /** The device storage of a tensor the caller got from the tensor layer. */
    CudaStorage storageOf(Tensor t, String op) {
        if (!(t.storage() instanceof CudaStorage) || !t.device().equals(device)) {
            throw new DeviceException(op + ": expected a tensor on " + device + ", got one on " + t.device());
        }
        return (CudaStorage) t.storage();
    }

    /** Device address of a tensor's storage element 0 (its layout's offsets count from here). */
    long base(Tensor t, String op) {
        return storageOf(t, op).address();
    }

    void launch(String kernel, Launch launch, KernelArgs args) {
        runner.launch(kernel, launch, args);
    }

    /** Gives back a temporary's memory now rather than at its scope's end. */
    static void free(Tensor t) {
        if (t.storage() instanceof CudaStorage) {
            ((CudaStorage) t.storage()).releaseNow();
        }
    }

    /** The kernel-name suffix of a dtype: f32, f64, i32, i64, bool. */
    static String suffix(DType dtype) {
        return dtype == DType.BOOL ? "bool" : dtype.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The refusal of an op the CUDA backend does not have yet. */
    static UnsupportedOperationException notYet(String what) {
        return new UnsupportedOperationException(what + " is not yet on CUDA (issue 24): move the tensor to the CPU "
                + "with .to(Device.cpu()) for this op");
    }
}
