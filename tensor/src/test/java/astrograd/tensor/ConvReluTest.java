package astrograd.tensor;

import static astrograd.tensor.ConvTestSupport.random;
import static astrograd.tensor.ConvTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.ConvSpec;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Conv#conv2dRelu} against {@code conv2d(...).relu()}, bit for bit, on both CPU paths: the direct kernel
 * (stride 1 along W, a row at least one vector wide, up to 576 taps) and im2col + GEMM (strided, or many
 * taps), each applying the ReLU in place to the block it has just computed; with
 * groups, padding, no bias, strided operands, and NaN, infinities and signed zeros in the input.
 */
class ConvReluTest {

    private static void check(Random rnd, DType dtype, int[] xs, int outputs, int kh, int kw, ConvSpec s,
                              boolean bias, boolean specials) {
        int[] ws = {outputs, xs[1] / s.groups(), kh, kw};
        double[] xv = random(rnd, Shape.numel(xs), dtype);
        if (specials) {
            double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};
            for (int i = 0; i < odd.length; i++) {
                xv[rnd.nextInt(xv.length)] = odd[i];
            }
        }
        Tensor x = tensor(xv, xs, dtype, rnd.nextBoolean());
        Tensor w = tensor(random(rnd, Shape.numel(ws), dtype), ws, dtype, false);
        Tensor b = bias ? tensor(random(rnd, outputs, dtype), new int[] {outputs}, dtype, false) : null;
        Tensor fused = Conv.conv2dRelu(x, w, b, s);
        Tensor separate = Conv.conv2d(x, w, b, s).relu();
        assertArrayEquals(separate.shape(), fused.shape());
        double[] expected = separate.toDoubleArray();
        double[] actual = fused.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]) == Double.doubleToRawLongBits(actual[i])
                    || Double.isNaN(expected[i]) && Double.isNaN(actual[i]), true,
                    s + " " + dtype + " element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void randomGeometriesMatchConvThenReluBitForBit(DType dtype) {
        Random rnd = new Random(71);
        int checked = 0;
        while (checked < 40) {
            int groups = 1 + rnd.nextInt(2);
            int[] xs = {1 + rnd.nextInt(3), groups * (1 + rnd.nextInt(3)), 1 + rnd.nextInt(9), 1 + rnd.nextInt(40)};
            int kh = 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            ConvSpec s = new ConvSpec(1 + rnd.nextInt(2), 1 + rnd.nextInt(2), rnd.nextInt(2), rnd.nextInt(2),
                    rnd.nextInt(3), rnd.nextInt(3), 1, 1 + rnd.nextInt(2), groups, 0, 0);
            if (s.outH(xs[2], kh) < 1 || s.outW(xs[3], kw) < 1) {
                continue;
            }
            check(rnd, dtype, xs, groups * (1 + rnd.nextInt(6)), kh, kw, s, rnd.nextBoolean(), checked % 3 == 0);
            checked++;
        }
    }

    @Test
    void bothCpuPathsOfTheFloatKernel() {
        Random rnd = new Random(72);
        ConvSpec same = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        // direct kernel: stride 1, 40-wide rows, 3·3·3 taps; full 4-channel blocks and a 2-channel remainder
        check(rnd, DType.F32, new int[] {2, 3, 7, 40}, 6, 3, 3, same, true, true);
        // direct kernel with blocks of 10 output rows (32 channels of 102 padded columns per slab): per-channel spans
        check(rnd, DType.F32, new int[] {1, 32, 30, 100}, 5, 3, 3, same, true, true);
        // im2col + GEMM: more taps than the direct kernel takes (70·3·3 = 630)
        check(rnd, DType.F32, new int[] {2, 70, 5, 20}, 5, 3, 3, same, true, true);
        // im2col + GEMM: stride 2 along W
        check(rnd, DType.F32, new int[] {2, 4, 6, 33}, 7, 3, 3, new ConvSpec(1, 2, 0, 0, 1, 1, 1, 1, 1, 0, 0), false,
                true);
    }

    @Test
    void refusesWhatConv2dRefusesUnderItsOwnName() {
        Tensor x = Tensor.zeros(DType.F32, 1, 2, 5, 5);
        Tensor w = Tensor.zeros(DType.F32, 3, 4, 3, 3);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Conv.conv2dRelu(x, w, null, ConvSpec.defaults()));
        assertTrue(e.getMessage().startsWith("conv2dRelu"), e.getMessage());
    }
}
