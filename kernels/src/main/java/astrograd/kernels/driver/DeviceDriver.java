package astrograd.kernels.driver;

/**
 * The driver calls the CUDA backend makes, on one device. {@link JCudaDeviceDriver} implements it with the CUDA
 * driver API; tests implement it with fakes (allocator bookkeeping) and with the host shim, which runs the
 * same kernel sources compiled by g++ (kernel semantics in CI without a GPU). Addresses are device
 * addresses as plain longs. Every failing call throws a {@link astrograd.kernels.CudaException} naming the
 * call; an allocation the device cannot serve throws {@link astrograd.kernels.CudaOutOfMemoryException}.
 */
public interface DeviceDriver {

    /** What the device is (name, compute capability, multiprocessors, memory). */
    DeviceProperties properties();

    /** Allocates {@code bytes} (> 0) of device memory; its contents are unspecified. */
    long malloc(long bytes);

    /** Frees memory from {@link #malloc}. */
    void free(long address);

    /** Sets {@code bytes} bytes from {@code address} to zero. */
    void memsetZero(long address, long bytes);

    /**
     * Copies the first {@code count} elements of a host array ({@code float[]}, {@code double[]}, {@code int[]},
     * {@code long[]} or {@code byte[]}; not modified) to {@code dst}.
     */
    void upload(long dst, Object hostArray, int count);

    /** Copies {@code count} elements from {@code src} into the start of a host array of the same kinds (modified). */
    void download(long src, Object hostArray, int count);

    /** Copies {@code bytes} bytes between device addresses (the ranges do not overlap). */
    void copy(long dst, long src, long bytes);

    /**
     * Launches kernel {@code name} of the astrograd fatbin. Launches are asynchronous; their errors surface at
     * the next synchronizing call (or at once with the debug switch, see {@link KernelRunner}).
     */
    void launch(String name, Launch launch, KernelArgs args);

    /** Waits for all launched work; throws if any of it failed. */
    void synchronize();

    /** {@code {free, total}} device memory in bytes, as the driver reports it. */
    long[] memoryInfo();

    /**
     * Whether allocations should have exactly the requested size rather than pooled block sizes: a checking
     * driver (the host shim, whose AddressSanitizer sees each allocation's end) says true, so that a kernel
     * reading one element too far is caught even where a rounded block would have hidden it.
     */
    default boolean exactAllocations() {
        return false;
    }
}
