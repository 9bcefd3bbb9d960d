package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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
