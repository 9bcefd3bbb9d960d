package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EnginePoolTest {
    @Test
    void everyIndexRunsOnceAcrossRangesAndNestedLoopsRunInline() {
        int n = 100_003;
        int[] hits = new int[n];
        EnginePool.parallelFor(n, 1, 64, (s, e) -> {
            for (int i = s; i < e; i++) {
                hits[i]++;
            }
            EnginePool.parallelFor(10, 1, (a, b) -> assertEquals(1, EnginePool.partsFor(10, 1)));
        });
        for (int h : hits) {
            assertEquals(1, h);
        }
    }

    @Test
    void failuresInAnyRangeReachTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EnginePool.parallelFor(1000, 1, (s, t) -> {
            if (s > 0 || EnginePool.threads() == 1) {
                throw new IllegalStateException("boom " + s);
            }
        }));
        assertEquals(true, e.getMessage().startsWith("boom"));
    }

    /**
     * The caller's own range (index 0) throws at once while the other ranges are still working: parallelFor must not
     * return before they finish (they might be writing into arrays that the caller's scope then recycles).
     */
    @Test
    void aFailingCallerRangeStillWaitsForTheOtherRanges() {
        int parts = EnginePool.partsFor(EnginePool.threads(), 1);
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EnginePool.parallelFor(parts, 1, (s, t) -> {
            if (s == 0) {
                throw new IllegalStateException("caller's range");
            }
            sleep(300);
            finished.incrementAndGet();
            throw new IllegalArgumentException("worker's range");
        }));
        assertEquals("caller's range", e.getMessage());
        assertEquals(parts - 1, finished.get(), "ranges still running when parallelFor returned");
        assertEquals(parts - 1, e.getSuppressed().length, "the workers' failures, suppressed");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentCallersAllComplete() throws InterruptedException {
        AtomicLong total = new AtomicLong();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int r = 0; r < 200; r++) {
                    EnginePool.parallelFor(1000, 1, (s, e) -> total.addAndGet(e - s));
                }
            });
            callers.add(th);
            th.start();
        }
        for (Thread th : callers) {
            th.join(60_000);
        }
        assertEquals(4L * 200 * 1000, total.get());
    }
}
