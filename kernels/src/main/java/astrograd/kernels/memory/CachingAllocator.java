package astrograd.kernels.memory;

import astrograd.kernels.CudaOutOfMemoryException;
import astrograd.kernels.driver.DeviceDriver;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Device memory for tensors, pooled: a closed {@link DeviceBuffer}'s block goes to a cache keyed by its
 * rounded size and serves the next request of that size without a driver call (cuMemAlloc and cuMemFree
 * synchronize the device). Sizes round up to a power of two of at least 512 bytes up to 1 MiB, and to a
 * multiple of 2 MiB above, so that similar requests share blocks (unless the driver asks for exact sizes, see
 * {@link DeviceDriver#exactAllocations()}).
 *
 * <p>It counts the bytes of live buffers (rounded sizes), their peak, the bytes cached, and the buffers a
 * {@link java.lang.ref.Cleaner} reclaimed because their owner forgot to close them. When the driver is out of
 * memory, the allocator frees its whole cache and retries once; if that fails too it throws
 * {@link CudaOutOfMemoryException} with the bytes in use. Thread-safe.
 */
public final class CachingAllocator {
    /** Smallest block. */
    public static final long MIN_BLOCK = 512;
    /** Largest size rounded to a power of two; larger sizes round to multiples of {@link #LARGE_STEP}. */
    public static final long SMALL_LIMIT = 1L << 20;
    /** Rounding step above {@link #SMALL_LIMIT}. */
    public static final long LARGE_STEP = 2L << 20;

    private final DeviceDriver driver;
    private final String deviceName;
    private final Map<Long, ArrayDeque<Long>> cache = new HashMap<>();
    private long liveBytes;
    private long liveBuffers;
    private long peakLiveBytes;
    private long cachedBytes;
    private long driverAllocations;
    private long reclaimedByCleaner;

    /**
     * @param driver the device's driver
     * @param deviceName how messages name the device, e.g. "cuda:0"
     */
    public CachingAllocator(DeviceDriver driver, String deviceName) {
        this.driver = driver;
        this.deviceName = deviceName;
    }

    /** The block size a request of {@code bytes} is served with. */
    public static long roundUp(long bytes) {
        if (bytes <= MIN_BLOCK) {
            return MIN_BLOCK;
        }
        if (bytes <= SMALL_LIMIT) {
            return Long.highestOneBit(bytes - 1) << 1;
        }
        return (bytes + LARGE_STEP - 1) / LARGE_STEP * LARGE_STEP;
    }

    /**
     * A buffer of at least {@code bytes} bytes (contents unspecified); close it when done.
     *
     * @throws CudaOutOfMemoryException when the device cannot serve it even after the cache was freed
     */
    public DeviceBuffer allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("allocate: negative size " + bytes);
        }
        long size = driver.exactAllocations() ? Math.max(1, bytes) : roundUp(bytes);
        long address = take(size);
        return new DeviceBuffer(this, address, size);
    }

    private synchronized long take(long size) {
        ArrayDeque<Long> free = cache.get(size);
        long address;
        if (free != null && !free.isEmpty()) {
            address = free.pop();
            cachedBytes -= size;
        } else {
            address = mallocOrRetry(size);
        }
        liveBytes += size;
        liveBuffers++;
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
        return address;
    }

    private long mallocOrRetry(long size) {
        try {
            long a = driver.malloc(size);
            driverAllocations++;
            return a;
        } catch (CudaOutOfMemoryException first) {
            long freed = cachedBytes;
            emptyCache();
            try {
                long a = driver.malloc(size);
                driverAllocations++;
                return a;
            } catch (CudaOutOfMemoryException second) {
                throw new CudaOutOfMemoryException("cuMemAlloc", deviceName + " is out of memory: " + size
                        + " bytes requested, " + liveBytes + " bytes in use by " + liveBuffers + " live buffers ("
                        + freed + " cached bytes were freed and the allocation retried)");
            }
        }
    }

    /** Takes a block back into the cache (from {@link DeviceBuffer#close()} or its cleaner). */
    synchronized void release(long address, long size, boolean byCleaner) {
        liveBytes -= size;
        liveBuffers--;
        cachedBytes += size;
        if (byCleaner) {
            reclaimedByCleaner++;
        }
        cache.computeIfAbsent(size, k -> new ArrayDeque<>()).push(address);
    }

    /** Gives every cached block back to the driver. */
    public synchronized void emptyCache() {
        for (ArrayDeque<Long> blocks : cache.values()) {
            for (long a : blocks) {
                driver.free(a);
            }
        }
        cache.clear();
        cachedBytes = 0;
    }

    /** Bytes held by buffers not yet closed (rounded sizes). */
    public synchronized long liveBytes() {
        return liveBytes;
    }

    /** Buffers not yet closed. */
    public synchronized long liveBuffers() {
        return liveBuffers;
    }

    /** The most {@link #liveBytes()} ever reached. */
    public synchronized long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** Bytes of closed blocks kept for reuse. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** How many times the driver was asked for memory. */
    public synchronized long driverAllocations() {
        return driverAllocations;
    }

    /** Buffers that were never closed and were reclaimed when the garbage collector found them. */
    public synchronized long reclaimedByCleaner() {
        return reclaimedByCleaner;
    }
}
