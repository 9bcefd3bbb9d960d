package astrograd.layers.data;

import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Batches of a {@link Dataset}, in order or shuffled. The order of epoch e is a permutation drawn from
 * {@code stream.fold(e)}, where {@code stream} is split from the {@link Rng} given at construction: it depends
 * only on the seed and the epoch number, so a resumed run sees the same batches as an uninterrupted one.
 * With {@code dropLast} a final partial batch is skipped.
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean dropLast;
    private final Rng stream;

    /** Batches in dataset order. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, null, false);
    }

    /**
     * @param rng the source of the shuffling stream (one {@link Rng#split()} is taken), or null for dataset order
     */
    public DataLoader(Dataset dataset, int batchSize, Rng rng, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batch size must be >= 1, got " + batchSize);
        }
        if (dropLast && dataset.size() < batchSize) {
            throw new IllegalArgumentException("DataLoader: dropLast with batch size " + batchSize + " leaves no batch of the "
                    + dataset.size() + " examples");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.stream = rng == null ? null : rng.split();
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffles() {
        return stream != null;
    }

    /** The number of batches per epoch. */
    public int batchCount() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The number of examples seen per epoch. */
    public int exampleCount() {
        return dropLast ? batchCount() * batchSize : dataset.size();
    }

    /** The example order of {@code epoch} (identity without shuffling). */
    public long[] order(int epoch) {
        if (stream == null) {
            long[] o = new long[dataset.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = i;
            }
            return o;
        }
        return stream.fold(epoch).permutation(dataset.size()).toLongArray();
    }

    /** The batches of {@code epoch}; each iteration fetches them afresh. */
    public Iterable<List<Tensor>> epoch(int epoch) {
        return () -> new BatchIterator(order(epoch));
    }

    private final class BatchIterator implements Iterator<List<Tensor>> {
        private final long[] order;
        private final int batches = batchCount();
        private int next;

        BatchIterator(long[] order) {
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public List<Tensor> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: epoch exhausted after " + batches + " batches");
            }
            int start = next * batchSize;
            int end = Math.min(start + batchSize, order.length);
            next++;
            return dataset.batch(Tensor.of(java.util.Arrays.copyOfRange(order, start, end), end - start));
        }
    }
}
