package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewsTest {
    private static Tensor iota(int... shape) {
        return Tensor.arange(0, Shape.numel(shape), 1, DType.F32).reshape(shape);
    }

    @Test
    void reshapeIsAViewWhenStridesAllowAndACopyOtherwise() {
        Tensor x = iota(2, 3, 4);
        Tensor r = x.reshape(6, -1);
        assertSame(x.storage(), r.storage());
        assertArrayEquals(new int[] {6, 4}, r.shape());
        Tensor t = x.transpose(1, 2);
        Tensor merged = t.reshape(2, 12);
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, merged.select(0, 0).toFloatArray());
        Tensor split = t.reshape(2, 2, 2, 3);
        assertSame(x.storage(), split.storage(), "splitting a transposed axis needs no copy");
        assertArrayEquals(t.toFloatArray(), split.toFloatArray());
    }

    @Test
    void sliceNarrowSelectAndFlipReadTheRightElements() {
        Tensor x = iota(4, 5);
        assertArrayEquals(new float[] {1, 3}, x.select(0, 0).slice(0, 1, 5, 2).toFloatArray());
        assertArrayEquals(new float[] {16, 17, 18}, x.select(0, -1).narrow(0, 1, 3).toFloatArray());
        assertArrayEquals(new float[] {4, 3, 2, 1, 0}, x.select(0, 0).flip(0).toFloatArray());
        assertArrayEquals(new float[] {19, 18, 17, 16, 15}, x.flip(0, 1).select(0, 0).toFloatArray());
        assertArrayEquals(new float[] {3, 4}, x.select(0, 0).slice(0, -2, 100, 1).toFloatArray());
    }

    @Test
    void expandSqueezeUnsqueezePermute() {
        Tensor v = Tensor.of(1f, 2f, 3f);
        Tensor e = v.unsqueeze(0).expand(2, -1);
        assertArrayEquals(new int[] {0, 1}, e.strides());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, e.toFloatArray());
        assertArrayEquals(new int[] {3}, e.narrow(0, 0, 1).squeeze().shape());
        Tensor p = iota(2, 3, 4).permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertEquals(13.0, p.getDouble(1, 1, 0));
        assertTrue(p.contiguous().isContiguous());
        assertThrows(ShapeException.class, () -> v.expand(2, 4));
        assertThrows(ShapeException.class, () -> iota(2, 3).squeeze(0));
    }

    @Test
    void rollAnyShift() {
        Tensor v = Tensor.of(0f, 1f, 2f, 3f, 4f);
        assertArrayEquals(new float[] {3, 4, 0, 1, 2}, v.roll(2, 0).toFloatArray());
        assertArrayEquals(new float[] {2, 3, 4, 0, 1}, v.roll(-2, 0).toFloatArray());
        assertArrayEquals(new float[] {3, 4, 0, 1, 2}, v.roll(12, 0).toFloatArray());
        assertArrayEquals(new float[] {2, 3, 4, 0, 1}, v.roll(-12, 0).toFloatArray());
    }
}
