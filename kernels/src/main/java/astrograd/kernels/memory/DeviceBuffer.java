package astrograd.kernels.memory;

import java.lang.ref.Cleaner;

/**
 * A block of device memory from a {@link CachingAllocator}. Close it to return the block (idempotent); a
 * buffer that becomes unreachable unclosed is returned by a {@link Cleaner} as a backstop, and counted
 * ({@link CachingAllocator#reclaimedByCleaner()}), since relying on the garbage collector delays reuse and
 * the collector does not see device memory pressure.
 */
public final class DeviceBuffer implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Owner owner;
    private final Cleaner.Cleanable cleanable;

    DeviceBuffer(CachingAllocator allocator, long address, long bytes) {
        this.owner = new Owner(allocator, address, bytes);
        this.cleanable = CLEANER.register(this, owner);
    }

    /**
     * The device address.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public long address() {
        if (owner.closed) {
            throw new IllegalStateException("device buffer used after it was released (a tensor's storage was freed by "
                    + "its TensorScope or closed explicitly)");
        }
        return owner.address;
    }

    /** The size of the block in bytes (the request rounded up). */
    public long bytes() {
        return owner.bytes;
    }

    /** Whether the block was given back. */
    public boolean isClosed() {
        return owner.closed;
    }

    /** Returns the block to the allocator's cache; later calls do nothing. */
    @Override
    public void close() {
        owner.explicit = true;
        cleanable.clean();
    }

    /** The cleaning action; holds no reference to the buffer. */
    private static final class Owner implements Runnable {
        private final CachingAllocator allocator;
        private final long address;
        private final long bytes;
        private volatile boolean closed;
        private volatile boolean explicit;

        Owner(CachingAllocator allocator, long address, long bytes) {
            this.allocator = allocator;
            this.address = address;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            closed = true;
            allocator.release(address, bytes, !explicit);
        }
    }
}
