package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import org.junit.jupiter.api.Test;

/**
 * Checksums (sum and a weighted sum) of results that PyTorch 1.13 gives for the same deterministic inputs
 * {@code v[i] = sin(0.37*i + 0.1)} in float64, e.g.
 * {@code F.conv2d(vals(2,4,7,9), vals(6,2,3,2), vals(6), stride=(2,1), padding=(1,2), dilation=(1,2), groups=2)},
 * so that conventions (index layout, ceil mode, divisors, fold order) match PyTorch's and not only our
 * own reference loops.
 */
class ConvTorchParityTest {
    private static final Tensor X = vals(2, 4, 7, 9);

    private static Tensor vals(int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sin(0.37 * i + 0.1);
        }
        return Tensor.of(d, shape);
    }

    private static void assertSums(Tensor r, int[] shape, double sum, double weighted, Tensor weight) {
        assertArrayEquals(shape, r.shape());
        double[] v = r.toDoubleArray();
        double[] w = weight == null ? v : weight.toDoubleArray();
        double s = 0;
        double q = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
            q += v[i] * w[i];
        }
        assertEquals(sum, s, 1e-10 * (1 + Math.abs(sum)));
        assertEquals(weighted, q, 1e-10 * (1 + Math.abs(weighted)));
    }

    @Test
    void convolutionsMatchPyTorch() {
        assertSums(Conv.conv2d(X, vals(6, 2, 3, 2), vals(6), new ConvSpec(2, 1, 1, 1, 2, 2, 1, 2, 2, 0, 0)),
                new int[] {2, 6, 4, 11}, 367.81510885130433, 609.4348391601021, null);
        // F.conv_transpose2d(x, vals(4,3,3,2), vals(6), stride=(2,3), padding=(1,0), output_padding=(1,2), dilation=(1,2), groups=2)
        assertSums(Conv.convTranspose2d(X, vals(4, 3, 3, 2), vals(6), new ConvSpec(2, 3, 1, 1, 0, 0, 1, 2, 2, 1, 2)),
                new int[] {2, 6, 14, 29}, 3378.782403661687, 4328.864900389832, null);
        // F.conv1d(vals(3,2,11), vals(4,2,4), padding='same', dilation=2)
        assertSums(Conv.conv1d(vals(3, 2, 11), vals(4, 2, 4), null, 1, Conv.Padding.SAME, 2, 1),
                new int[] {3, 4, 11}, -2.2311311645932737, 116.9165147433757, null);
    }

    @Test
    void poolingMatchesPyTorch() {
        // F.max_pool2d(x, (3,2), stride=(2,3), padding=(1,1), dilation=(1,2), ceil_mode=True, return_indices=True)
        Conv.PoolResult m = Conv.maxPool2d(X, new PoolSpec(3, 2, 2, 3, 1, 1, 1, 2, true, false));
        assertSums(m.values(), new int[] {2, 4, 4, 4}, 95.58809616863313, 3029.4969104879033, m.indices());
        long indexSum = 0;
        for (long i : m.indices().toLongArray()) {
            indexSum += i;
        }
        assertEquals(4075, indexSum);
        // F.avg_pool2d(x, (3,2), stride=(2,3), padding=(1,1), ceil_mode=True, count_include_pad=False)
        assertSums(Conv.avgPool2d(X, new PoolSpec(3, 2, 2, 3, 1, 1, 1, 1, true, false)),
                new int[] {2, 4, 4, 4}, -1.2617504166943976, 3.476549069997493, null);
        // F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=True)
        assertSums(Conv.avgPool2d(X, new PoolSpec(3, 3, 2, 2, 1, 1, 1, 1, true, true)),
                new int[] {2, 4, 4, 5}, -1.78079470422652, 3.1032343507114963, null);
    }

    @Test
    void unfoldAndFoldMatchPyTorch() {
        // F.unfold(x, (2,3), dilation=(2,1), padding=(1,2), stride=(1,2)); F.fold(vals(2,24,42), (7,9), same args)
        ConvSpec s = new ConvSpec(1, 2, 1, 1, 2, 2, 2, 1, 1, 0, 0);
        Tensor u = Conv.unfold(X, 2, 3, s);
        assertSums(u, new int[] {2, 24, 42}, -0.776020532808562, 0.12617961230576125, vals(2, 24, 42));
        assertSums(Conv.fold(vals(2, 24, 42), 7, 9, 2, 3, s), new int[] {2, 4, 7, 9},
                4.795674182357843, 836.5586783992859, null);
    }
}
