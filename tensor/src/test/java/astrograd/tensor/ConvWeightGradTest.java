package astrograd.tensor;

import static astrograd.tensor.ConvTestSupport.random;
import static astrograd.tensor.ConvTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.ConvSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Conv#conv2dWeightGrad} against the composite it replaces (unfold the batch, one product per image and
 * group, sum over the batch), bit for bit: the CPU's F32 path unfolds a few output rows at a time and continues
 * each product's chain of fused multiply-adds block after block.
 */
class ConvWeightGradTest {

    /** The unfold-the-batch composite (the backend default). */
    private static Tensor composite(Tensor x, Tensor g, int kh, int kw, ConvSpec s) {
        ConvSpec oneGroup = new ConvSpec(s.strideH(), s.strideW(), s.padTop(), s.padBottom(), s.padLeft(),
                s.padRight(), s.dilationH(), s.dilationW(), 1, 0, 0);
        Tensor cols = Conv.unfold(x, kh, kw, oneGroup);
        int n = x.size(0);
        int groups = s.groups();
        int l = cols.size(2);
        Tensor gg = g.reshape(n, groups, g.size(1) / groups, l);
        Tensor cg = cols.reshape(n, groups, cols.size(1) / groups, l);
        return gg.matmul(cg.transpose(-1, -2)).sum(0).reshape(g.size(1), x.size(1) / groups, kh, kw);
    }

    private static void check(Random rnd, DType dtype, int[] xs, int outputs, int kh, int kw, ConvSpec s,
                              boolean strided) {
        int outH = s.outH(xs[2], kh);
        int outW = s.outW(xs[3], kw);
        int[] gs = {xs[0], outputs, outH, outW};
        Tensor x = tensor(random(rnd, Shape.numel(xs), dtype), xs, dtype, strided);
        Tensor g = tensor(random(rnd, Shape.numel(gs), dtype), gs, dtype, !strided);
        Tensor got = Conv.conv2dWeightGrad(x, g, kh, kw, s);
        assertArrayEquals(new int[] {outputs, xs[1] / s.groups(), kh, kw}, got.shape());
        assertArrayEquals(composite(x, g, kh, kw, s).toDoubleArray(), got.toDoubleArray(), s + " " + dtype);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void randomGeometriesMatchTheCompositeBitForBit(DType dtype) {
        Random rnd = new Random(61);
        int checked = 0;
        while (checked < 60) {
            int groups = 1 + rnd.nextInt(3);
            int[] xs = {1 + rnd.nextInt(3), groups * (1 + rnd.nextInt(3)), 1 + rnd.nextInt(12), 1 + rnd.nextInt(14)};
            int kh = 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            ConvSpec s = new ConvSpec(1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3),
                    rnd.nextInt(3), rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(2), groups, 0, 0);
            if (s.outH(xs[2], kh) < 1 || s.outW(xs[3], kw) < 1) {
                continue;
            }
            check(rnd, dtype, xs, groups * (1 + rnd.nextInt(4)), kh, kw, s, checked % 2 == 0);
            checked++;
        }
    }

    /** Images large enough for several column blocks, a partial last one, and for the products' GEMM kernels. */
    @Test
    void largeImagesSpanSeveralColumnBlocks() {
        Random rnd = new Random(67);
        ConvSpec same = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        check(rnd, DType.F32, new int[] {3, 16, 45, 50}, 40, 3, 3, same, false);
        check(rnd, DType.F32, new int[] {1, 8, 70, 33}, 24, 3, 3, same, true);
        ConvSpec grouped = new ConvSpec(2, 1, 2, 0, 1, 2, 1, 2, 2, 0, 0);
        check(rnd, DType.F32, new int[] {2, 12, 61, 40}, 18, 3, 3, grouped, false);
    }

    /** A broadcast upstream (as a sum's gradient is) and a row of positions read in place. */
    @Test
    void broadcastAndSlicedUpstreamsAreReadInPlace() {
        Random rnd = new Random(71);
        ConvSpec same = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        int[] xs = {3, 6, 30, 40};
        Tensor x = tensor(random(rnd, Shape.numel(xs), DType.F32), xs, DType.F32, false);
        Tensor perChannel = tensor(random(rnd, 10, DType.F32), new int[] {1, 10, 1, 1}, DType.F32, false);
        Tensor broadcast = perChannel.broadcastTo(new int[] {3, 10, 30, 40});
        assertArrayEquals(composite(x, broadcast, 3, 3, same).toDoubleArray(),
                Conv.conv2dWeightGrad(x, broadcast, 3, 3, same).toDoubleArray());
        int[] wide = {3, 12, 30, 40};
        Tensor sliced = tensor(random(rnd, Shape.numel(wide), DType.F32), wide, DType.F32, false).narrow(1, 1, 10);
        assertArrayEquals(composite(x, sliced, 3, 3, same).toDoubleArray(),
                Conv.conv2dWeightGrad(x, sliced, 3, 3, same).toDoubleArray());
    }

    @Test
    void refusesInputsThatDoNotFit() {
        ConvSpec s = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0);
        Tensor x = Tensor.zeros(DType.F32, 2, 4, 8, 8);
        Tensor g = Tensor.zeros(DType.F32, 2, 6, 8, 8);
        assertArrayEquals(new int[] {6, 2, 3, 3}, Conv.conv2dWeightGrad(x, g, 3, 3, s).shape());
        ShapeException wrongGrid = assertThrows(ShapeException.class,
                () -> Conv.conv2dWeightGrad(x, Tensor.zeros(DType.F32, 2, 6, 7, 8), 3, 3, s));
        assertTrue(wrongGrid.getMessage().contains("does not fit"), wrongGrid.getMessage());
        assertThrows(ShapeException.class, () -> Conv.conv2dWeightGrad(x, Tensor.zeros(DType.F32, 2, 5, 8, 8), 3, 3, s));
        assertThrows(ShapeException.class, () -> Conv.conv2dWeightGrad(x, Tensor.zeros(DType.F32, 1, 6, 8, 8), 3, 3, s));
        assertThrows(ShapeException.class, () -> Conv.conv2dWeightGrad(x, Tensor.zeros(DType.F32, 6, 8, 8), 3, 3, s));
        assertThrows(DTypeException.class, () -> Conv.conv2dWeightGrad(x, Tensor.zeros(DType.F64, 2, 6, 8, 8), 3, 3, s));
        assertThrows(IllegalArgumentException.class, () -> Conv.conv2dWeightGrad(x, g, 0, 3, s));
        ConvSpec outputPadding = new ConvSpec(2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> Conv.conv2dWeightGrad(x, g, 3, 3, outputPadding));
    }
}
