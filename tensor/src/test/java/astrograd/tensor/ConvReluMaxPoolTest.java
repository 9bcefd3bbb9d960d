package astrograd.tensor;

import static astrograd.tensor.ConvTestSupport.random;
import static astrograd.tensor.ConvTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Conv#conv2dReluMaxPool} against {@code maxPool2dValues(conv2d(...).relu(), pool)}, bit for bit: the fused
 * CPU path (F32 direct kernel, pool windows one row high with row stride 1, inside the row) and every case that
 * runs the ops in turn (F64, strided or many-tap convolutions, 2-d windows, padded, dilated or ceil-mode pools);
 * with groups, no bias, strided operands, and NaN, infinities and signed zeros in the input.
 */
class ConvReluMaxPoolTest {

    private static void check(Random rnd, DType dtype, int[] xs, int outputs, int kh, int kw, ConvSpec s,
                              PoolSpec pool, boolean bias, boolean specials) {
        int[] ws = {outputs, xs[1] / s.groups(), kh, kw};
        double[] xv = random(rnd, Shape.numel(xs), dtype);
        if (specials) {
            double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.NaN};
            for (double v : odd) {
                xv[rnd.nextInt(xv.length)] = v;
            }
        }
        Tensor x = tensor(xv, xs, dtype, rnd.nextBoolean());
        Tensor w = tensor(random(rnd, Shape.numel(ws), dtype), ws, dtype, false);
        Tensor b = bias ? tensor(random(rnd, outputs, dtype), new int[] {outputs}, dtype, false) : null;
        Tensor fused = Conv.conv2dReluMaxPool(x, w, b, s, pool);
        Tensor separate = Conv.maxPool2dValues(Conv.conv2d(x, w, b, s).relu(), pool);
        assertArrayEquals(separate.shape(), fused.shape());
        double[] expected = separate.toDoubleArray();
        double[] actual = fused.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            boolean same = Double.doubleToRawLongBits(expected[i]) == Double.doubleToRawLongBits(actual[i])
                    || Double.isNaN(expected[i]) && Double.isNaN(actual[i]);
            assertTrue(same, s + " " + pool + " " + dtype + " element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    /** A 1×k (row) pool: stride {@code stride} along W, row stride 1, no padding. */
    private static PoolSpec rowPool(int k, int stride, int dilation, boolean ceil) {
        return new PoolSpec(1, k, 1, stride, 0, 0, 1, dilation, ceil, true);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void randomOneDimensionalGeometriesMatchTheSeparateOpsBitForBit(DType dtype) {
        Random rnd = new Random(81);
        int checked = 0;
        while (checked < 40) {
            int groups = 1 + rnd.nextInt(2);
            int[] xs = {1 + rnd.nextInt(4), groups * (1 + rnd.nextInt(3)), 1, 8 + rnd.nextInt(60)};
            int kw = 1 + rnd.nextInt(7);
            ConvSpec s = new ConvSpec(1, 1 + rnd.nextInt(4) / 3, 0, 0, rnd.nextInt(4), rnd.nextInt(4), 1,
                    1 + rnd.nextInt(2), groups, 0, 0);
            int k = 1 + rnd.nextInt(4);
            PoolSpec pool = rowPool(k, rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : k, 1 + rnd.nextInt(5) / 4,
                    rnd.nextInt(4) == 0);
            int outW = s.outW(xs[3], kw);
            if (outW < 1 || pool.outW(outW) < 1) {
                continue;
            }
            check(rnd, dtype, xs, groups * (1 + rnd.nextInt(9)), 1, kw, s, pool, rnd.nextBoolean(), checked % 3 == 0);
            checked++;
        }
    }

    @Test
    void twoDimensionalImagesWithRowPoolsAndWithSquarePools() {
        Random rnd = new Random(82);
        ConvSpec same = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        // fused: 1x2 pool over blocks of output rows, 6 channels (a full 4-channel block and a remainder)
        check(rnd, DType.F32, new int[] {2, 3, 7, 40}, 6, 3, 3, same, rowPool(2, 2, 1, false), true, true);
        // fused: blocks of 10 output rows (32 channels of 102 padded columns per slab), overlapping 1x3 windows
        check(rnd, DType.F32, new int[] {1, 32, 30, 100}, 5, 3, 3, same, rowPool(3, 1, 1, false), true, true);
        // the ops in turn: a 2x2 pool (its windows span two output rows)
        check(rnd, DType.F32, new int[] {2, 3, 8, 40}, 6, 3, 3, same, new PoolSpec(2, 2, 2, 2, 0, 0, 1, 1, false, true),
                true, true);
        // the ops in turn: a padded pool, and many taps (im2col + GEMM)
        check(rnd, DType.F32, new int[] {2, 3, 5, 40}, 4, 3, 3, same, new PoolSpec(1, 3, 1, 2, 0, 1, 1, 1, false, true),
                false, true);
        check(rnd, DType.F32, new int[] {2, 70, 5, 20}, 5, 3, 3, same, rowPool(2, 2, 1, false), true, true);
    }

    @Test
    void theStellaLayersOnAFullBatch() {
        Random rnd = new Random(83);
        ConvSpec same7 = new ConvSpec(1, 1, 0, 0, 3, 3, 1, 1, 1, 0, 0);
        ConvSpec same3 = new ConvSpec(1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0);
        check(rnd, DType.F32, new int[] {64, 1, 1, 200}, 16, 1, 7, same7, rowPool(2, 2, 1, false), true, true);
        check(rnd, DType.F32, new int[] {64, 16, 1, 100}, 64, 1, 3, same3, rowPool(2, 2, 1, false), true, false);
    }

    @Test
    void refusesBadOperandsAndAPoolLargerThanTheConvolutionOutputUnderItsOwnName() {
        Tensor x = Tensor.zeros(DType.F32, 1, 2, 1, 10);
        RuntimeException channels = assertThrows(RuntimeException.class, () -> Conv.conv2dReluMaxPool(x,
                Tensor.zeros(DType.F32, 3, 4, 1, 3), null, ConvSpec.defaults(), rowPool(2, 2, 1, false)));
        assertTrue(channels.getMessage().startsWith("conv2dReluMaxPool"), channels.getMessage());
        RuntimeException window = assertThrows(ShapeException.class, () -> Conv.conv2dReluMaxPool(x,
                Tensor.zeros(DType.F32, 3, 2, 1, 3), null, ConvSpec.defaults(), rowPool(9, 9, 1, false)));
        assertEquals("conv2dReluMaxPool: convolution output [1, 3, 1, 8] is smaller than the window (kernel (1, 9),"
                + " dilation (1, 1), padding (0, 0))", window.getMessage());
    }
}
