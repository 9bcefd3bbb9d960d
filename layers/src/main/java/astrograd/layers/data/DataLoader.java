package astrograd.layers.data;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Batches of a {@link Dataset}, in order or shuffled. The order of epoch e is a permutation drawn from
 * {@code stream.fold(e)}, where {@code stream} is split from the {@link Rng} given at construction: it depends
 * only on the seed and the epoch number, so a resumed run sees the same batches as an uninterrupted one;
 * {@link #state()} and {@link #loadState} carry that stream (and the geometry it applies to) in a checkpoint, and
 * {@link #epoch(int, int)} starts an epoch at a given batch. With {@code dropLast} a final partial batch is
 * skipped.
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean dropLast;
    private Rng stream;

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
        return epoch(epoch, 0);
    }

    /**
     * The batches of {@code epoch} from batch {@code firstBatch} on (the rest of an interrupted epoch), in the
     * order {@link #epoch(int)} gives them.
     *
     * @throws IllegalArgumentException if {@code firstBatch} is not in {@code [0, batchCount()]}
     */
    public Iterable<List<Tensor>> epoch(int epoch, int firstBatch) {
        if (firstBatch < 0 || firstBatch > batchCount()) {
            throw new IllegalArgumentException("DataLoader: first batch " + firstBatch + " is not in [0, " + batchCount() + "]");
        }
        return () -> new BatchIterator(order(epoch), firstBatch);
    }

    /**
     * What a resumed run needs to see the same batches: {@code "batch_size"}, {@code "examples"} (the dataset's
     * size) and {@code "drop_last"} as 0-d I64 tensors, and for a shuffling loader its stream's
     * {@code "shuffle_key"} and {@code "shuffle_counter"} (I64 holding the unsigned 64-bit values).
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("batch_size", scalar(batchSize));
        s.put("examples", scalar(dataset.size()));
        s.put("drop_last", scalar(dropLast ? 1 : 0));
        if (stream != null) {
            s.put("shuffle_key", scalar(stream.key()));
            s.put("shuffle_counter", scalar(stream.counter()));
        }
        return s;
    }

    /**
     * Restores the shuffling stream of {@link #state()} into this loader, which must have the same batch size,
     * dataset size, {@code dropLast} and shuffling (else the saved batch positions mean nothing here).
     *
     * @throws IllegalArgumentException naming what differs
     */
    public void loadState(Map<String, Tensor> state) {
        Map<String, Tensor> mine = state();
        for (String key : List.of("batch_size", "examples", "drop_last")) {
            long saved = longOf(state, key);
            if (saved != longOf(mine, key)) {
                throw new IllegalArgumentException("DataLoader.loadState: saved " + key + " is " + saved + " but this loader's is "
                        + longOf(mine, key));
            }
        }
        if (state.containsKey("shuffle_key") != shuffles()) {
            throw new IllegalArgumentException("DataLoader.loadState: the saved loader " + (shuffles() ? "did not shuffle" : "shuffled")
                    + " but this one " + (shuffles() ? "does" : "does not"));
        }
        if (shuffles()) {
            stream = new Rng(longOf(state, "shuffle_key"), longOf(state, "shuffle_counter"));
        }
    }

    private static Tensor scalar(long v) {
        return Tensor.of(new long[] {v}, new int[0]);
    }

    private static long longOf(Map<String, Tensor> state, String key) {
        Tensor t = state.get(key);
        if (t == null || t.numel() != 1 || t.dtype() != DType.I64) {
            throw new IllegalArgumentException("DataLoader.loadState: needs '" + key + "' as one I64 value, got " + t);
        }
        return t.toLongArray()[0];
    }

    private final class BatchIterator implements Iterator<List<Tensor>> {
        private final long[] order;
        private final int batches = batchCount();
        private int next;

        BatchIterator(long[] order, int first) {
            this.order = order;
            this.next = first;
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
