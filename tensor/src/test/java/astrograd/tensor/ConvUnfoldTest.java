package astrograd.tensor;

import static astrograd.tensor.ConvTestSupport.random;
import static astrograd.tensor.ConvTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.tensor.ops.ConvSpec;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** unfold (im2col) against a reference; fold (col2im) as its adjoint. */
class ConvUnfoldTest {

    private static ConvSpec randomSpec(Random rnd) {
        return new ConvSpec(1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3),
                rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(2), 1, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void unfoldMatchesReference(DType dtype) {
        Random rnd = new Random(51);
        int checked = 0;
        while (checked < 80) {
            int[] xs = {1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 1 + rnd.nextInt(9), 1 + rnd.nextInt(12)};
            int kh = 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            ConvSpec s = randomSpec(rnd);
            if (s.outH(xs[2], kh) < 1 || s.outW(xs[3], kw) < 1) {
                continue;
            }
            double[] x = random(rnd, Shape.numel(xs), dtype);
            Tensor cols = Conv.unfold(tensor(x, xs, dtype, checked % 2 == 0), kh, kw, s);
            int l = s.outH(xs[2], kh) * s.outW(xs[3], kw);
            assertArrayEquals(new int[] {xs[0], xs[1] * kh * kw, l}, cols.shape());
            assertArrayEquals(ConvTestSupport.unfold(x, xs, kh, kw, s), cols.toDoubleArray(), s.toString());
            checked++;
        }
    }

    /** {@code <unfold(x), c> = <x, fold(c)>}, and fold of unfold counts how often each pixel is covered. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void foldIsTheAdjointOfUnfold(DType dtype) {
        Random rnd = new Random(53);
        int checked = 0;
        while (checked < 60) {
            int[] xs = {1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 1 + rnd.nextInt(9), 1 + rnd.nextInt(12)};
            int kh = 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            ConvSpec s = randomSpec(rnd);
            if (s.outH(xs[2], kh) < 1 || s.outW(xs[3], kw) < 1) {
                continue;
            }
            int[] cs = {xs[0], xs[1] * kh * kw, s.outH(xs[2], kh) * s.outW(xs[3], kw)};
            double[] x = random(rnd, Shape.numel(xs), dtype);
            double[] c = random(rnd, Shape.numel(cs), dtype);
            Tensor folded = Conv.fold(tensor(c, cs, dtype, checked % 2 == 1), xs[2], xs[3], kh, kw, s);
            assertArrayEquals(xs, folded.shape());
            double[] fx = folded.toDoubleArray();
            double[] ux = ConvTestSupport.unfold(x, xs, kh, kw, s);
            double lhs = ConvTestSupport.dot(ux, c);
            double rhs = ConvTestSupport.dot(x, fx);
            double scale = ConvTestSupport.absDot(ux, c) + ConvTestSupport.absDot(x, fx) + 1;
            if (Math.abs(lhs - rhs) > 10 * ConvTestSupport.tolerance(dtype) * scale) {
                throw new AssertionError(s + ": <unfold x, c> = " + lhs + " but <x, fold c> = " + rhs);
            }
            // fold(unfold(ones)) = coverage count of each pixel
            double[] ones = new double[x.length];
            java.util.Arrays.fill(ones, 1);
            double[] coverage = Conv.fold(Conv.unfold(Tensor.of(ones, xs).to(dtype), kh, kw, s), xs[2], xs[3], kh,
                    kw, s).toDoubleArray();
            double[] expected = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double[] e = new double[x.length];
                e[i] = 1;
                double[] ue = ConvTestSupport.unfold(e, xs, kh, kw, s);
                expected[i] = ConvTestSupport.dot(ue, ue);
            }
            assertArrayEquals(expected, coverage, s.toString());
            checked++;
        }
    }
}
