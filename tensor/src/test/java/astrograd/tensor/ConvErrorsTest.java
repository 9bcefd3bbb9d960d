package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Padding rules, and the errors the façade raises before computing. */
class ConvErrorsTest {

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable t = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void paddingRules() {
        assertArrayEquals(new int[] {1, 2}, Conv.Padding.SAME.resolve("op", 10, 4, 1, 1));
        assertArrayEquals(new int[] {3, 3}, Conv.Padding.SAME.resolve("op", 10, 4, 1, 2));
        assertArrayEquals(new int[] {0, 0}, Conv.Padding.VALID.resolve("op", 10, 4, 1, 1));
        assertArrayEquals(new int[] {1, 1}, Conv.Padding.SAME_TF.resolve("op", 10, 3, 3, 1));
        assertArrayEquals(new int[] {0, 1}, Conv.Padding.SAME_TF.resolve("op", 10, 3, 2, 1));
        assertArrayEquals(new int[] {0, 0}, Conv.Padding.SAME_TF.resolve("op", 10, 1, 4, 1));
        assertArrayEquals(new int[] {2, 5}, Conv.Padding.of(2, 5).resolve("op", 10, 3, 2, 1));
        assertMessage(IllegalArgumentException.class, () -> Conv.Padding.SAME.resolve("conv1d", 10, 3, 2, 1),
                "conv1d", "stride 1", "SAME_TF");
    }

    @Test
    void tfSamePaddingGivesCeilOutput() {
        Tensor x = Tensor.ones(DType.F32, 1, 1, 10, 11);
        Tensor w = Tensor.ones(DType.F32, 2, 1, 3, 3);
        Tensor out = Conv.conv2d(x, w, null, 2, Conv.Padding.SAME_TF, 1, 1);
        assertArrayEquals(new int[] {1, 2, 5, 6}, out.shape());
        Tensor per = Conv.conv2d(x, w, null, new int[] {1, 3}, new Conv.Padding[] {Conv.Padding.SAME,
                Conv.Padding.VALID}, new int[] {1, 1}, 1);
        assertArrayEquals(new int[] {1, 2, 10, 3}, per.shape());
        assertEquals(6.0, per.getDouble(0, 0, 0, 0)); // top row: one padded row of three
    }

    @Test
    void convShapeErrors() {
        Tensor x = Tensor.zeros(2, 3, 8, 8);
        assertMessage(ShapeException.class, () -> Conv.conv2d(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0, 1, 1),
                "conv2d: input [2, 3, 8, 8] and weight [4, 2, 3, 3]: input channels 3 != weight in-channels 2 * groups 1");
        assertMessage(ShapeException.class, () -> Conv.conv2d(Tensor.zeros(2, 4, 8, 8), Tensor.zeros(3, 2, 3, 3),
                null, 1, 0, 1, 2), "output channels 3 not divisible by groups 2");
        assertMessage(ShapeException.class, () -> Conv.conv2d(x.reshape(2, 3, 64), Tensor.zeros(4, 3, 3, 3), null,
                1, 0, 1, 1), "conv2d: input [2, 3, 64] must have rank 4");
        assertMessage(ShapeException.class, () -> Conv.conv2d(x, Tensor.zeros(4, 3, 9, 3), null, 1, 0, 1, 1),
                "conv2d", "along H", "dilated kernel 9");
        assertMessage(ShapeException.class, () -> Conv.conv2d(x, Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 0, 1, 1),
                "conv2d: bias [3] must have shape [4]");
        assertMessage(DTypeException.class, () -> Conv.conv2d(x, Tensor.zeros(DType.F64, 4, 3, 3, 3), null, 1, 0, 1, 1),
                "conv2d: weight dtype F64 != input dtype F32");
        assertMessage(DTypeException.class, () -> Conv.conv2d(Tensor.zeros(DType.I64, 2, 3, 8, 8),
                Tensor.zeros(DType.I64, 4, 3, 3, 3), null, 1, 0, 1, 1), "conv2d: input must be F32 or F64");
        assertMessage(ShapeException.class, () -> Conv.conv1d(Tensor.zeros(1, 2, 5), Tensor.zeros(1, 2, 4), null,
                1, 0, 0, 2, 1), "conv1d: input [1, 2, 5] along L", "dilated kernel 7");
    }

    @Test
    void transposedAndPoolErrors() {
        Tensor x = Tensor.zeros(1, 4, 5, 5);
        assertMessage(ShapeException.class, () -> Conv.convTranspose2d(x, Tensor.zeros(3, 2, 3, 3), null, 1, 0, 0, 1, 1),
                "convTranspose2d", "input channels 4 != weight dimension 0 (3)");
        assertMessage(IllegalArgumentException.class, () -> Conv.convTranspose2d(x, Tensor.zeros(4, 2, 3, 3), null,
                2, 0, 2, 1, 1), "output padding 2", "smaller than the stride 2");
        assertMessage(ShapeException.class, () -> Conv.maxPool2d(Tensor.zeros(1, 1, 2, 2), 3, 1, 0),
                "maxPool2d: input [1, 1, 2, 2] is smaller than the window");
        assertMessage(IllegalArgumentException.class, () -> Conv.avgPool2d(x,
                new PoolSpec(2, 2, 1, 1, 0, 0, 2, 1, false, true)), "avgPool2d: dilation must be 1");
        assertMessage(ShapeException.class, () -> Conv.fold(Tensor.zeros(1, 9, 10), 5, 5, 3, 3, ConvSpec.defaults()),
                "fold", "10 columns", "3 x 3 window positions");
        assertMessage(ShapeException.class, () -> Conv.fold(Tensor.zeros(1, 8, 9), 5, 5, 3, 3, ConvSpec.defaults()),
                "not a multiple of kh*kw = 9");
        assertMessage(IllegalArgumentException.class, () -> Conv.unfold(x, 2, 2,
                new ConvSpec(1, 1, 0, 0, 0, 0, 1, 1, 2, 0, 0)), "unfold: spec must have groups 1");
    }
}
