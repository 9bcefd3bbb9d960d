package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GRU and LSTM against torch's nn.GRU / nn.LSTM (and a hand-written reset-before GRU), BPTT by GradCheck. */
class RecurrentTest {
    private static final List<String> NAMES = List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0");

    @ParameterizedTest
    @CsvSource({"gru_after,AFTER_MATMUL,F64", "gru_after,AFTER_MATMUL,F32", "gru_after_nostate,AFTER_MATMUL,F64",
            "gru_after_nostate,AFTER_MATMUL,F32", "gru_before,BEFORE_MATMUL,F64", "gru_before,BEFORE_MATMUL,F32",
            "gru_before_nobias,BEFORE_MATMUL,F64", "gru_before_nobias,BEFORE_MATMUL,F32"})
    void gruMatchesTorch(String name, GRU.ResetGate resetGate, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        int[] w = f.get("weight_hh_l0").shape();
        GRU gru = new GRU(f.get("x").size(2), w[1], f.has("bias_ih_l0"), resetGate, true, dtype, new Rng(1));
        loadParameters(gru, f, dtype);
        Var x = Var.param(f.get("x", dtype));
        Var h0 = f.has("h0") ? Var.param(f.get("h0", dtype)) : null;
        GRU.Output out = gru.run(x, h0);
        double tol = NormRnnFixtures.tol(dtype);
        f.assertClose("out", out.sequence().value(), tol);
        f.assertClose("hn", out.last().value(), tol);
        weighted(f, dtype, "out", out.sequence()).add(weighted(f, dtype, "hn", out.last())).backward();
        checkGradients(f, gru, x, h0, null, tol);
    }

    @ParameterizedTest
    @CsvSource({"lstm,F64", "lstm,F32", "lstm_nostate,F64", "lstm_nostate,F32", "lstm_nobias,F64", "lstm_nobias,F32"})
    void lstmMatchesTorch(String name, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        int[] w = f.get("weight_hh_l0").shape();
        LSTM lstm = new LSTM(f.get("x").size(2), w[1], f.has("bias_ih_l0"), true, dtype, new Rng(1));
        loadParameters(lstm, f, dtype);
        Var x = Var.param(f.get("x", dtype));
        Var h0 = f.has("h0") ? Var.param(f.get("h0", dtype)) : null;
        Var c0 = f.has("c0") ? Var.param(f.get("c0", dtype)) : null;
        LSTM.Output out = lstm.run(x, h0, c0);
        double tol = NormRnnFixtures.tol(dtype);
        f.assertClose("out", out.sequence().value(), tol);
        f.assertClose("hn", out.lastHidden().value(), tol);
        f.assertClose("cn", out.lastCell().value(), tol);
        weighted(f, dtype, "out", out.sequence()).add(weighted(f, dtype, "hn", out.lastHidden()))
                .add(weighted(f, dtype, "cn", out.lastCell())).backward();
        checkGradients(f, lstm, x, h0, c0, tol);
    }

    private static void loadParameters(Module m, NormRnnFixtures f, DType dtype) {
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            e.getValue().set(f.get(e.getKey(), dtype));
        }
    }

    private static Var weighted(NormRnnFixtures f, DType dtype, String key, Var v) {
        return v.mul(Var.constant(f.get("w_" + key, dtype))).sum();
    }

    private static void checkGradients(NormRnnFixtures f, Module m, Var x, Var h0, Var c0, double tol) {
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            f.assertClose("grad_" + e.getKey(), e.getValue().grad(), tol);
        }
        f.assertClose("grad_x", x.grad(), tol);
        if (h0 != null) {
            f.assertClose("grad_h0", h0.grad(), tol);
        }
        if (c0 != null) {
            f.assertClose("grad_c0", c0.grad(), tol);
        }
    }

    @Test
    void parameterNamesShapesAndInitializationFollowPytorch() {
        GRU gru = new GRU(5, 7, new Rng(2));
        LSTM lstm = new LSTM(5, 7, new Rng(2));
        assertEquals(NAMES, List.copyOf(gru.namedParameters().keySet()));
        assertEquals(NAMES, List.copyOf(lstm.namedParameters().keySet()));
        assertArrayEquals(new int[] {21, 5}, gru.weightIh().value().shape());
        assertArrayEquals(new int[] {28, 7}, lstm.weightHh().value().shape());
        double bound = 1 / Math.sqrt(7);
        for (Parameter p : lstm.parameters()) {
            for (double v : p.value().toDoubleArray()) {
                assertTrue(Math.abs(v) <= bound, p.name() + " value " + v + " outside +-" + bound);
            }
        }
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"),
                List.copyOf(new GRU(3, 4, false, GRU.ResetGate.AFTER_MATMUL, true, DType.F32, new Rng(1)).namedParameters().keySet()));
    }

    @Test
    void lastStateModeAndTorchShapedInitialState() {
        Rng rng = new Rng(3);
        GRU seq = new GRU(3, 4, true, GRU.ResetGate.AFTER_MATMUL, true, DType.F64, new Rng(7));
        GRU last = new GRU(3, 4, true, GRU.ResetGate.AFTER_MATMUL, false, DType.F64, new Rng(7));
        Tensor x = rng.randn(DType.F64, 2, 5, 3);
        Tensor h0 = rng.randn(DType.F64, 2, 4);
        Var all = seq.forward(Var.constant(x), Var.constant(h0));
        Var end = last.forward(Var.constant(x), Var.constant(h0.reshape(1, 2, 4)));
        assertArrayEquals(new int[] {2, 5, 4}, all.value().shape());
        assertArrayEquals(all.value().select(1, 4).contiguous().toDoubleArray(), end.value().toDoubleArray(), 0);
        LSTM lstm = new LSTM(3, 4, true, false, DType.F64, new Rng(7));
        assertArrayEquals(new int[] {2, 4}, lstm.forward(Var.constant(x)).value().shape());
    }

    @Test
    void nonContiguousInputGivesTheSameResult() {
        Rng rng = new Rng(4);
        LSTM lstm = new LSTM(3, 4, true, true, DType.F64, new Rng(7));
        Tensor x = rng.randn(DType.F64, 5, 2, 3);
        Tensor xt = x.transpose(0, 1);
        assertArrayEquals(lstm.forward(Var.constant(xt.contiguous())).value().toDoubleArray(),
                lstm.forward(Var.constant(xt)).value().toDoubleArray(), 1e-14);
    }

    @Test
    void backpropagationThroughTimePassesGradCheck() {
        Rng rng = new Rng(5);
        Tensor x = rng.randn(DType.F64, 2, 4, 3);
        Tensor h0 = rng.randn(DType.F64, 2, 3);
        Tensor c0 = rng.randn(DType.F64, 2, 3);
        for (GRU.ResetGate g : GRU.ResetGate.values()) {
            GRU gru = new GRU(3, 3, true, g, true, DType.F64, new Rng(8));
            GradCheck.assertPasses(GradCheck.check(v -> gru.run(v[0], v[1]).sequence(), x, h0));
        }
        LSTM lstm = new LSTM(3, 3, true, true, DType.F64, new Rng(8));
        GradCheck.assertPasses(GradCheck.check(v -> lstm.run(v[0], v[1], v[2]).sequence(), x, h0, c0));
    }

    @Test
    void badShapesAreNamed() {
        GRU gru = new GRU(3, 4, new Rng(1));
        Exception e = assertThrows(ShapeException.class, () -> gru.forward(Var.constant(Tensor.zeros(2, 5, 2))));
        assertEquals("GRU(3 -> 4, sequences): input [2, 5, 2] must be batch-first [N, T, 3] with T >= 1", e.getMessage());
        LSTM lstm = new LSTM(3, 4, new Rng(1));
        e = assertThrows(ShapeException.class,
                () -> lstm.forward(Var.constant(Tensor.zeros(2, 5, 3)), Var.constant(Tensor.zeros(3, 4)), null));
        assertEquals("LSTM(3 -> 4, sequences): initial hidden state [3, 4] must be [2, 4] (or [1, 2, 4])", e.getMessage());
    }
}
