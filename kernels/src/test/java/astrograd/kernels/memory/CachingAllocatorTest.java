package astrograd.kernels.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.kernels.CudaOutOfMemoryException;
import astrograd.kernels.driver.FakeDriver;
import org.junit.jupiter.api.Test;

/** The allocator's bookkeeping on a fake device: rounding, reuse, live bytes, the out-of-memory retry. */
class CachingAllocatorTest {

    @Test
    void roundsSmallSizesToPowersOfTwoAndLargeOnesTo2MiB() {
        assertEquals(512, CachingAllocator.roundUp(0));
        assertEquals(512, CachingAllocator.roundUp(512));
        assertEquals(1024, CachingAllocator.roundUp(513));
        assertEquals(1 << 20, CachingAllocator.roundUp((1 << 20) - 1));
        assertEquals(1 << 20, CachingAllocator.roundUp(1 << 20));
        assertEquals(2L << 20, CachingAllocator.roundUp((1 << 20) + 1));
        assertEquals(4L << 20, CachingAllocator.roundUp((2L << 20) + 1));
    }

    @Test
    void closedBlocksAreReusedWithoutTheDriver() {
        FakeDriver d = new FakeDriver(1 << 20);
        CachingAllocator a = new CachingAllocator(d, "fake:0");
        DeviceBuffer b1 = a.allocate(1000);
        long address = b1.address();
        assertEquals(1024, a.liveBytes());
        b1.close();
        b1.close();
        assertEquals(0, a.liveBytes());
        assertEquals(1024, a.cachedBytes());
        DeviceBuffer b2 = a.allocate(900);
        assertEquals(address, b2.address(), "the cached block of the same rounded size is reused");
        assertEquals(1, d.mallocCalls());
        assertEquals(0, a.cachedBytes());
        assertEquals(1024, a.peakLiveBytes());
        b2.close();
    }

    @Test
    void aClosedBufferRefusesItsAddress() {
        CachingAllocator a = new CachingAllocator(new FakeDriver(1 << 20), "fake:0");
        DeviceBuffer b = a.allocate(10);
        b.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, b::address);
        assertTrue(e.getMessage().contains("after it was released"), e.getMessage());
    }

    @Test
    void outOfMemoryFreesTheCacheAndRetriesOnce() {
        FakeDriver d = new FakeDriver(4096);
        CachingAllocator a = new CachingAllocator(d, "fake:0");
        a.allocate(2048).close();
        a.allocate(1024).close();
        assertEquals(3072, d.used(), "closed blocks stay with the allocator");
        DeviceBuffer big = a.allocate(4096);
        assertEquals(2, d.freeCalls(), "the cache was emptied to make room");
        assertEquals(4096, a.liveBytes());
        assertEquals(0, a.cachedBytes());
        big.close();
    }

    @Test
    void outOfMemoryAfterTheRetryReportsTheBytesInUse() {
        FakeDriver d = new FakeDriver(4096);
        CachingAllocator a = new CachingAllocator(d, "fake:0");
        DeviceBuffer held = a.allocate(2048);
        a.allocate(1024).close();
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> a.allocate(4096));
        assertTrue(e.getMessage().contains("fake:0 is out of memory: 4096 bytes requested, 2048 bytes in use by 1 live buffers"),
                e.getMessage());
        assertTrue(e.getMessage().contains("1024 cached bytes were freed"), e.getMessage());
        assertEquals("cuMemAlloc", e.call());
        assertEquals(2048, a.liveBytes(), "a failed allocation changes no count");
        held.close();
        assertEquals(0, a.liveBytes());
    }

    @Test
    void anUnclosedBufferIsReclaimedByTheCleaner() throws InterruptedException {
        CachingAllocator a = new CachingAllocator(new FakeDriver(1 << 20), "fake:0");
        allocateAndDrop(a);
        for (int i = 0; i < 200 && a.liveBytes() != 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, a.liveBytes(), "the cleaner returned the forgotten buffer");
        assertEquals(1, a.reclaimedByCleaner());
        assertEquals(512, a.cachedBytes());
    }

    private static void allocateAndDrop(CachingAllocator a) {
        a.allocate(100);
    }
}
