package astrograd.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Chunks of a product (row blocks, batch elements) claimed by whichever engine thread is free. Use only where
 * a chunk's result does not depend on the thread that computes it (true of every GEMM chunk here), so the
 * dynamic claiming keeps results deterministic while absorbing a waking worker's late start.
 */
final class GemmParallel {
    /** How long the calling thread spins for stragglers before falling back to a parked join. */
    private static final long SPIN_NANOS = 2_000_000;

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
        AtomicInteger active = new AtomicInteger();
        EnginePool.parallelFor(threads, 1, (s, e) -> {
            active.incrementAndGet();
            try {
                for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
                    body.accept(i);
                }
            } finally {
                active.decrementAndGet();
            }
            if (s == 0) {
                awaitOthers(active);
            }
        });
    }

    /** Spins briefly for threads still finishing a chunk: cheaper than parking in join and being woken. */
    private static void awaitOthers(AtomicInteger active) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (active.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
