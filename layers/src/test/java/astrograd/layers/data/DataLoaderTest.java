package astrograd.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    private static TensorDataset dataset(int n) {
        Tensor x = Tensor.arange(0, 2 * n, 1, DType.F64).reshape(n, 2);
        Tensor y = Tensor.arange(0, n, 1, DType.F64).to(DType.I64);
        return new TensorDataset(x, y);
    }

    private static List<Long> labelsOf(DataLoader l, int epoch) {
        List<Long> out = new ArrayList<>();
        for (List<Tensor> b : l.epoch(epoch)) {
            for (long v : b.get(1).toLongArray()) {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void batchesInOrderKeepFieldsAligned() {
        DataLoader l = new DataLoader(dataset(10), 4);
        List<int[]> shapes = new ArrayList<>();
        for (List<Tensor> b : l.epoch(0)) {
            shapes.add(b.get(0).shape());
            long[] y = b.get(1).toLongArray();
            double[] x = b.get(0).toDoubleArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(2.0 * y[i], x[2 * i]);
            }
        }
        assertEquals(3, l.batchCount());
        assertArrayEquals(new int[] {2, 2}, shapes.get(2));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), labelsOf(l, 5));
    }

    @Test
    void shufflingIsAPermutationDeterministicPerSeedAndEpoch() {
        DataLoader a = new DataLoader(dataset(50), 8, new Rng(42), false);
        DataLoader b = new DataLoader(dataset(50), 8, new Rng(42), false);
        DataLoader c = new DataLoader(dataset(50), 8, new Rng(43), false);
        List<Long> e0 = labelsOf(a, 0);
        assertEquals(e0, labelsOf(b, 0));
        assertEquals(e0, labelsOf(a, 0));
        assertFalse(e0.equals(labelsOf(a, 1)));
        assertFalse(e0.equals(labelsOf(c, 0)));
        long[] sorted = e0.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] expected = new long[50];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, sorted);
        // epoch 3's order does not depend on which epochs were visited before (resumable)
        assertEquals(labelsOf(a, 3), labelsOf(b, 3));
    }

    @Test
    void dropLastSkipsThePartialBatch() {
        DataLoader l = new DataLoader(dataset(10), 4, new Rng(1), true);
        assertEquals(2, l.batchCount());
        assertEquals(8, l.exampleCount());
        int n = 0;
        for (List<Tensor> b : l.epoch(0)) {
            assertEquals(4, b.get(0).size(0));
            n++;
        }
        assertEquals(2, n);
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThrows(ShapeException.class, () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(dataset(3), 0));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(dataset(3), 4, null, true));
    }
    @Test
    void stateCarriesTheShuffleStreamToALoaderOfTheSameGeometry() {
        DataLoader a = new DataLoader(dataset(10), 4, new Rng(7), false);
        DataLoader b = new DataLoader(dataset(10), 4, new Rng(8), false);
        assertFalse(labelsOf(a, 3).equals(labelsOf(b, 3)));
        b.loadState(a.state());
        assertEquals(labelsOf(a, 3), labelsOf(b, 3));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(dataset(10), 5, new Rng(8), false).loadState(a.state()));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(dataset(11), 4, new Rng(8), false).loadState(a.state()));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(dataset(10), 4, new Rng(8), true).loadState(a.state()));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(dataset(10), 4).loadState(a.state()));
    }

    @Test
    void anEpochCanStartAtAnyBatch() {
        DataLoader l = new DataLoader(dataset(10), 4, new Rng(7), false);
        List<Long> all = labelsOf(l, 2);
        List<Long> rest = new ArrayList<>();
        for (List<Tensor> b : l.epoch(2, 1)) {
            for (long v : b.get(1).toLongArray()) {
                rest.add(v);
            }
        }
        assertEquals(all.subList(4, 10), rest);
        assertFalse(l.epoch(2, 3).iterator().hasNext());
        assertThrows(IllegalArgumentException.class, () -> l.epoch(2, 4));
    }
}
