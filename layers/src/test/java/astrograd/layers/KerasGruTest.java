package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §6(d)2: both reset_after variants and both hard-sigmoid definitions to 1e-12 in double, plus BPTT checks. */
class KerasGruTest {
    private static final int N = 2;
    private static final int T = 3;
    private static final int F = 4;
    private static final int H = 3;

    @Test
    void hardSigmoidDefinitionsDiffer() {
        Var x = Var.constant(Tensor.of(new double[] {-4, -1, 0, 1, 2.5, 4}, 6));
        double[] k2 = KerasGru.Gate.HARD_SIGMOID_KERAS2.apply(x).value().toDoubleArray();
        double[] k3 = KerasGru.Gate.HARD_SIGMOID_KERAS3.apply(x).value().toDoubleArray();
        double[] want2 = {0, 0.3, 0.5, 0.7, 1, 1};
        double[] want3 = {0, 1.0 / 3, 0.5, 2.0 / 3, 0.5 + 2.5 / 6, 1};
        for (int i = 0; i < 6; i++) {
            assertEquals(want2[i], k2[i], 1e-15);
            assertEquals(want3[i], k3[i], 1e-15);
        }
    }

    /** Every convention against a plain-double reimplementation of Keras's GRUCell. */
    @Test
    void matchesAScalarReferenceInEveryConvention() {
        for (boolean resetAfter : new boolean[] {false, true}) {
            for (KerasGru.Gate gate : KerasGru.Gate.values()) {
                for (KerasGru.Candidate act : KerasGru.Candidate.values()) {
                    KerasGru gru = new KerasGru(F, H, act, gate, resetAfter, true, DType.F64, new Rng(7));
                    randomizeBias(gru, 8);
                    double[] x = input(9);
                    double[] got = gru.forward(Var.constant(Tensor.of(x, N, T, F))).value().toDoubleArray();
                    double[] want = reference(gru, x, act, gate, resetAfter);
                    double max = 0;
                    for (int i = 0; i < got.length; i++) {
                        max = Math.max(max, Math.abs(got[i] - want[i]));
                    }
                    assertTrue(max < 1e-12, resetAfter + " " + gate + " " + act + ": max abs error " + max);
                }
            }
        }
    }

    /** With sigmoid and tanh, reset_after = true is PyTorch's nn.GRU after reordering gates z, r, h to r, z, n. */
    @Test
    void resetAfterWithSigmoidIsTorchsGru() {
        KerasGru keras = new KerasGru(F, H, KerasGru.Candidate.TANH, KerasGru.Gate.SIGMOID, true, true, DType.F64,
                new Rng(3));
        randomizeBias(keras, 4);
        GRU torch = new GRU(F, H, true, GRU.ResetGate.AFTER_MATMUL, true, DType.F64, new Rng(5));
        torch.weightIh().set(reorder(keras.kernel().value()));
        torch.weightHh().set(reorder(keras.recurrentKernel().value()));
        torch.biasIh().set(reorder(keras.bias().value().select(0, 0).reshape(1, 3 * H)).reshape(3 * H));
        torch.biasHh().set(reorder(keras.bias().value().select(0, 1).reshape(1, 3 * H)).reshape(3 * H));
        Var x = Var.constant(Tensor.of(input(11), N, T, F));
        double[] a = keras.forward(x).value().toDoubleArray();
        double[] b = torch.forward(x).value().toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-12);
        }
    }

    /** Backpropagation through time: every weight, bias and input gradient against central differences. */
    @Test
    void bpttGradientsMatchFiniteDifferences() {
        for (boolean resetAfter : new boolean[] {false, true}) {
            for (KerasGru.Gate gate : new KerasGru.Gate[] {KerasGru.Gate.SIGMOID, KerasGru.Gate.HARD_SIGMOID_KERAS2}) {
                KerasGru gru = new KerasGru(F, H, KerasGru.Candidate.TANH, gate, resetAfter, true, DType.F64,
                        new Rng(21));
                randomizeBias(gru, 22);
                double[] weights = input(23);
                Tensor x = Tensor.of(input(24), N, T, F);
                Var xv = Var.param(x);
                Var loss = gru.forward(xv).mul(Var.constant(Tensor.of(weightsFor(weights), N, T, H))).sum();
                loss.backward();
                for (Parameter p : gru.parameters()) {
                    checkParameter(gru, p, x, weights, resetAfter + " " + gate);
                }
                double[] gx = xv.grad().toDoubleArray();
                double[] xs = x.toDoubleArray();
                for (int i = 0; i < xs.length; i += 7) {
                    double[] up = xs.clone();
                    double[] dn = xs.clone();
                    up[i] += 1e-6;
                    dn[i] -= 1e-6;
                    double fd = (lossAt(gru, Tensor.of(up, N, T, F), weights) - lossAt(gru, Tensor.of(dn, N, T, F),
                            weights)) / 2e-6;
                    assertEquals(fd, gx[i], 1e-6 + 1e-5 * Math.abs(fd), "input " + i);
                }
            }
        }
    }

    @Test
    void wrongInputShapeIsRefused() {
        KerasGru gru = new KerasGru(F, H, KerasGru.Candidate.TANH, KerasGru.Gate.SIGMOID, false, false, DType.F64,
                new Rng(1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> gru.forward(Var.constant(Tensor.zeros(DType.F64, 2, 3, 5)))).getMessage().contains("[N, T, 4]"));
    }

    private static void checkParameter(KerasGru gru, Parameter p, Tensor x, double[] weights, String what) {
        double[] g = p.grad().toDoubleArray();
        double[] v = p.value().toDoubleArray();
        int[] shape = p.value().shape();
        for (int i = 0; i < v.length; i += 7) {
            double old = v[i];
            v[i] = old + 1e-6;
            p.set(Tensor.of(v.clone(), shape));
            double up = lossAt(gru, x, weights);
            v[i] = old - 1e-6;
            p.set(Tensor.of(v.clone(), shape));
            double dn = lossAt(gru, x, weights);
            v[i] = old;
            p.set(Tensor.of(v.clone(), shape));
            double fd = (up - dn) / 2e-6;
            assertEquals(fd, g[i], 1e-6 + 1e-5 * Math.abs(fd), what + ": " + p.name() + "[" + i + "]");
        }
    }

    private static double lossAt(KerasGru gru, Tensor x, double[] weights) {
        return gru.forward(Var.constant(x)).mul(Var.constant(Tensor.of(weightsFor(weights), N, T, H))).sum()
                .value().item();
    }

    private static double[] weightsFor(double[] w) {
        double[] out = new double[N * T * H];
        for (int i = 0; i < out.length; i++) {
            out[i] = w[i % w.length];
        }
        return out;
    }

    private static double[] input(long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[N * T * F];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private static void randomizeBias(KerasGru gru, long seed) {
        Rng rng = new Rng(seed);
        double[] b = gru.bias().value().toDoubleArray();
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.5 * rng.nextGaussian();
        }
        gru.bias().set(Tensor.of(b, gru.bias().value().shape()));
    }

    /** Keras {@code [rows, 3H]} with gates z, r, h to PyTorch {@code [3H, rows]} with gates r, z, n. */
    private static Tensor reorder(Tensor keras) {
        int rows = keras.size(0);
        double[] k = keras.toDoubleArray();
        double[] out = new double[3 * H * rows];
        int[] from = {1, 0, 2};
        for (int g = 0; g < 3; g++) {
            for (int j = 0; j < H; j++) {
                for (int i = 0; i < rows; i++) {
                    out[(g * H + j) * rows + i] = k[i * 3 * H + from[g] * H + j];
                }
            }
        }
        return Tensor.of(out, 3 * H, rows);
    }

    /** Keras's GRUCell in plain doubles. */
    private static double[] reference(KerasGru gru, double[] x, KerasGru.Candidate act, KerasGru.Gate gate,
                                      boolean resetAfter) {
        double[] w = gru.kernel().value().toDoubleArray();
        double[] u = gru.recurrentKernel().value().toDoubleArray();
        double[] b = gru.bias().value().toDoubleArray();
        double[] out = new double[N * T * H];
        for (int n = 0; n < N; n++) {
            double[] h = new double[H];
            for (int t = 0; t < T; t++) {
                double[] xp = new double[3 * H];
                double[] hu = new double[3 * H];
                for (int c = 0; c < 3 * H; c++) {
                    xp[c] = b[c];
                    for (int f = 0; f < F; f++) {
                        xp[c] += x[(n * T + t) * F + f] * w[f * 3 * H + c];
                    }
                    hu[c] = resetAfter ? b[3 * H + c] : 0;
                    for (int k = 0; k < H; k++) {
                        hu[c] += h[k] * u[k * 3 * H + c];
                    }
                }
                double[] next = new double[H];
                for (int j = 0; j < H; j++) {
                    double z = gateOf(gate, xp[j] + hu[j]);
                    double r = gateOf(gate, xp[H + j] + hu[H + j]);
                    double pre;
                    if (resetAfter) {
                        pre = xp[2 * H + j] + r * hu[2 * H + j];
                    } else {
                        pre = xp[2 * H + j];
                        for (int k = 0; k < H; k++) {
                            double rk = gateOf(gate, xp[H + k] + hu[H + k]);
                            pre += rk * h[k] * u[k * 3 * H + 2 * H + j];
                        }
                    }
                    double cand = act == KerasGru.Candidate.TANH ? Math.tanh(pre)
                            : act == KerasGru.Candidate.RELU ? Math.max(0, pre) : pre;
                    next[j] = z * h[j] + (1 - z) * cand;
                }
                h = next;
                System.arraycopy(h, 0, out, (n * T + t) * H, H);
            }
        }
        return out;
    }

    private static double gateOf(KerasGru.Gate gate, double v) {
        return switch (gate) {
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case HARD_SIGMOID_KERAS2 -> Math.min(1, Math.max(0, 0.2 * v + 0.5));
            case HARD_SIGMOID_KERAS3 -> Math.min(1, Math.max(0, v / 6 + 0.5));
        };
    }
}
