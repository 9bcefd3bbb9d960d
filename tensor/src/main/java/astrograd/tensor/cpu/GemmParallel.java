package astrograd.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Chunks of a product (row blocks, batch elements) claimed by whichever engine thread is free. Use only where
 * a chunk's result does not depend on the thread that computes it (true of every GEMM chunk here), so the
 * dynamic claiming keeps results deterministic while absorbing a waking worker's late start.
 */
final class GemmParallel {
    private GemmParallel() {
    }

    /** Runs {@code body} for every chunk index in [0, chunks) on the engine pool. */
    static void forEachChunk(int chunks, IntConsumer body) {
        int threads = Math.min(chunks, EnginePool.partsFor(EnginePool.threads(), 1));
        if (threads <= 1) {
            for (int i = 0; i < chunks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        EnginePool.parallelFor(threads, 1, (s, e) -> {
            for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
                body.accept(i);
            }
        });
    }
}
