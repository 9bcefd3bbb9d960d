package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FlowNet/TransiNet up-convolution ConvTranspose2d(k 4, s 2, p 1) against a direct scatter loop (spec §5(e)). */
class ConvTranspose2dScatterTest {
    /** {@code y[n, o, i·2 − 1 + u, j·2 − 1 + v] += x[n, c, i, j] · w[c, o, u, v] + bias once per output}. */
    private static double[] scatter(double[] x, double[] w, double[] b, int n, int cin, int cout, int h, int wd) {
        int oh = 2 * h;
        int ow = 2 * wd;
        double[] y = new double[n * cout * oh * ow];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < cout; o++) {
                for (int p = 0; p < oh * ow; p++) {
                    y[(s * cout + o) * oh * ow + p] = b[o];
                }
                for (int c = 0; c < cin; c++) {
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < wd; j++) {
                            double xv = x[((s * cin + c) * h + i) * wd + j];
                            for (int u = 0; u < 4; u++) {
                                for (int v = 0; v < 4; v++) {
                                    int r = 2 * i - 1 + u;
                                    int q = 2 * j - 1 + v;
                                    if (r >= 0 && q >= 0 && r < oh && q < ow) {
                                        y[((s * cout + o) * oh + r) * ow + q] += xv * w[((c * cout + o) * 4 + u) * 4 + v];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 2", "5, 4"})
    void forwardMatchesScatterInFloat32AndGradientsCheckInFloat64(int cin, int cout) {
        Rng rng = new Rng(cin * 10L + cout);
        ConvOptions k4s2p1 = ConvOptions.defaults().stride(2, 2).padding(ConvPadding.symmetric(1, 1));
        ConvTranspose2d layer = new ConvTranspose2d(cin, cout, 4, 4, k4s2p1, rng);
        Tensor x = rng.randn(DType.F32, 2, cin, 5, 6);
        Tensor y = layer.forward(Var.constant(x)).value();
        assertArrayEquals(new int[] {2, cout, 10, 12}, y.shape());
        double[] expected = scatter(x.toDoubleArray(), layer.weight().value().toDoubleArray(),
                layer.bias().value().toDoubleArray(), 2, cin, cout, 5, 6);
        double[] got = y.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-5, "output element " + i);
        }
        ConvTranspose2d f64 = new ConvTranspose2d(cin, cout, 4, 4, k4s2p1.dtype(DType.F64), rng);
        GradCheck.assertPasses(GradCheck.check(v -> f64.forwardWith(v[0], v[1], v[2]),
                rng.randn(DType.F64, 1, cin, 3, 2), f64.weight().value(), f64.bias().value()));
    }
}
