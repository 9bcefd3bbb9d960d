package astrograd.kernels.driver;

import astrograd.kernels.CudaException;
import astrograd.kernels.CudaOutOfMemoryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A device that only keeps books: allocations against a capacity (out of memory beyond it), frees, and the
 * launches asked for. For the allocator's and the runner's tests; kernels do not run.
 */
public final class FakeDriver implements DeviceDriver {
    private final long capacity;
    private final Map<Long, Long> allocations = new HashMap<>();
    private final List<String> launches = new ArrayList<>();
    private long next = 0x1000;
    private long used;
    private int mallocCalls;
    private int freeCalls;
    private CudaException pendingError;

    /** A device of {@code capacity} bytes. */
    public FakeDriver(long capacity) {
        this.capacity = capacity;
    }

    /** The next synchronize throws this (a kernel that failed asynchronously). */
    public void failNextSynchronize(CudaException e) {
        pendingError = e;
    }

    public int mallocCalls() {
        return mallocCalls;
    }

    public int freeCalls() {
        return freeCalls;
    }

    /** Bytes the driver holds for the allocator (live plus cached). */
    public long used() {
        return used;
    }

    public List<String> launches() {
        return launches;
    }

    @Override
    public DeviceProperties properties() {
        return new DeviceProperties(0, "fake device", 9, 0, 4, capacity);
    }

    @Override
    public long malloc(long bytes) {
        mallocCalls++;
        if (used + bytes > capacity) {
            throw new CudaOutOfMemoryException("cuMemAlloc", "cuMemAlloc of " + bytes + " bytes failed: out of memory");
        }
        long a = next;
        next += bytes;
        allocations.put(a, bytes);
        used += bytes;
        return a;
    }

    @Override
    public void free(long address) {
        freeCalls++;
        Long bytes = allocations.remove(address);
        if (bytes == null) {
            throw new CudaException("cuMemFree", 1, "CUDA_ERROR_INVALID_VALUE");
        }
        used -= bytes;
    }

    @Override
    public void memsetZero(long address, long bytes) {
    }

    @Override
    public void upload(long dst, Object hostArray, int count) {
    }

    @Override
    public void download(long src, Object hostArray, int count) {
    }

    @Override
    public void copy(long dst, long src, long bytes) {
    }

    @Override
    public void launch(String name, Launch launch, KernelArgs args) {
        launches.add(name);
    }

    @Override
    public void synchronize() {
        CudaException e = pendingError;
        pendingError = null;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public long[] memoryInfo() {
        return new long[] {capacity - used, capacity};
    }
}
