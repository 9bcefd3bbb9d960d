package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalResponseNormTest {
    @ParameterizedTest
    @CsvSource({"lrn_size5,F64", "lrn_size5,F32", "lrn_size4,F64", "lrn_size4,F32", "lrn_size3_1d,F64", "lrn_size3_1d,F32"})
    void matchesTorchWithAlphaScaledByTheWindow(String name, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        double[] c = f.get("config").toDoubleArray();
        LocalResponseNorm lrn = new LocalResponseNorm((int) c[0], c[3], c[1], c[2]);
        Var x = Var.param(f.get("x", dtype));
        Var out = lrn.forward(x);
        double tol = NormRnnFixtures.tol(dtype);
        f.assertClose("out", out.value(), tol);
        out.mul(Var.constant(f.get("w_out", dtype))).sum().backward();
        f.assertClose("grad_x", x.grad(), tol);
        LocalResponseNorm torchStyle = LocalResponseNorm.fromTorch((int) c[0], c[1] * c[0], c[2], c[3]);
        f.assertClose("out", torchStyle.forward(Var.constant(f.get("x", dtype))).value(), tol);
    }

    @Test
    void matchesTheTensorflowFormulaElementwise() {
        Tensor x = new Rng(2).randn(DType.F64, 2, 6, 3);
        LocalResponseNorm lrn = LocalResponseNorm.tensorflow(2, 1.5, 0.2, 0.75);
        double[] y = lrn.forward(Var.constant(x)).value().toDoubleArray();
        double[] a = x.toDoubleArray();
        double[] expected = new double[a.length];
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < 6; ch++) {
                for (int s = 0; s < 3; s++) {
                    double sum = 0;
                    for (int k = Math.max(0, ch - 2); k <= Math.min(5, ch + 2); k++) {
                        double v = a[(n * 6 + k) * 3 + s];
                        sum += v * v;
                    }
                    int i = (n * 6 + ch) * 3 + s;
                    expected[i] = a[i] / Math.pow(1.5 + 0.2 * sum, 0.75);
                }
            }
        }
        assertArrayEquals(expected, y, 1e-13);
    }

    @Test
    void gradientPassesGradCheck() {
        LocalResponseNorm lrn = new LocalResponseNorm(4, 1, 0.4, 0.75);
        GradCheck.assertPasses(GradCheck.check(v -> lrn.forward(v[0]), new Rng(5).randn(DType.F64, 2, 5, 2, 2)));
    }
}
