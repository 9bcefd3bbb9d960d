package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.ops.PadMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinsIndexingTest {
    private static final Tensor V = Tensor.of(1f, 2f, 3f);

    @Test
    void catStackSplitChunk() {
        Tensor c = Tensor.cat(0, V, V.mul(10f));
        assertArrayEquals(new float[] {1, 2, 3, 10, 20, 30}, c.toFloatArray());
        Tensor s = Tensor.stack(1, V, V);
        assertArrayEquals(new int[] {3, 2}, s.shape());
        List<Tensor> parts = c.split(4, 0);
        assertEquals(2, parts.size());
        assertArrayEquals(new float[] {20, 30}, parts.get(1).toFloatArray());
        assertEquals(3, c.chunk(3, 0).size());
        assertThrows(ShapeException.class, () -> Tensor.cat(0, V, Tensor.zeros(2, 2)));
    }

    @Test
    void padModesIncludingLongCircularPads() {
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 0}, V.pad(new int[] {1, 2}, PadMode.CONSTANT, 0).toFloatArray());
        assertArrayEquals(new float[] {2, 3, 1, 2, 3, 1, 2, 3, 1}, V.pad(new int[] {5, 1}, PadMode.CIRCULAR, 0).toFloatArray());
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2, 1}, V.pad(new int[] {2, 2}, PadMode.REFLECT, 0).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 2, 3, 3, 3}, V.pad(new int[] {1, 2}, PadMode.REPLICATE, 0).toFloatArray());
        Tensor m = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor p = m.pad(new int[] {0, 1, 1, 0}, PadMode.CONSTANT, 7);
        assertArrayEquals(new float[] {7, 7, 7, 1, 2, 7, 3, 4, 7}, p.toFloatArray());
    }

    @Test
    void gatherScatterIndexSelectOneHot() {
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor idx = Tensor.of(new long[] {2, 0, 1, 1}, 2, 2);
        assertArrayEquals(new float[] {3, 1, 5, 5}, m.gather(1, idx).toFloatArray());
        Tensor z = Tensor.zeros(2, 3).scatterAdd(1, idx, Tensor.ones(2, 2));
        assertArrayEquals(new float[] {1, 0, 1, 0, 2, 0}, z.toFloatArray());
        assertArrayEquals(new float[] {3, 1, 6, 4}, m.indexSelect(1, Tensor.of(new long[] {-1, 0}, 2)).toFloatArray());
        Tensor oh = Tensor.of(new int[] {2, 0}, 2).oneHot(3);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, oh.toFloatArray());
        assertThrows(ShapeException.class, () -> m.gather(1, Tensor.of(new long[] {3, 0, 0, 0}, 2, 2)));
        assertThrows(ShapeException.class, () -> Tensor.of(new int[] {3}, 1).oneHot(3));
    }
}
