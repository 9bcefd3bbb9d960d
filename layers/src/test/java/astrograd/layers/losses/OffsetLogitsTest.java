package astrograd.layers.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * log-softmax, logsumexp and cross-entropy in F32 on logits {@code k + N(0, 1)}, k = 0, 1000, 10 000, against float64
 * references and PyTorch's own F32 results ({@code offset_logits_fixtures.py}). The error of a result y against the
 * reference r is {@code max_i |y_i − r_i| / (|r_i| + mean_j |r_j|)}; ours must be within twice PyTorch's plus
 * 2⁻²⁴ (half an F32 ulp of 1, so that a case where PyTorch happens to be exact does not demand exactness).
 * logsumexp's gradient must moreover stay at F32 precision (1e-6) at every offset: PyTorch's {@code e^(x − lse)}
 * loses digits with the offset (4e-4 at 10 000), the softmax it equals does not.
 */
class OffsetLogitsTest {
    private static final double SLACK = 2;
    private static final double FLOOR = 0x1p-24;
    private static final double F32_PRECISION = 1e-6;

    private static final Map<String, BiFunction<Var, Tensor, Var>> FUNCTIONS = Map.of(
            "log_softmax", (x, t) -> x.logSoftmax(1),
            "logsumexp", (x, t) -> x.logsumexp(new int[] {1}, false),
            "ce", (x, t) -> Losses.crossEntropy(x, t, Reduction.MEAN),
            "ce_smooth", (x, t) -> Losses.crossEntropy(x, t, null, 0.1, Reduction.MEAN));

    @ParameterizedTest
    @ValueSource(ints = {0, 1000, 10000})
    void asAccurateAsPyTorchInFloat32(int offset) throws IOException {
        Map<String, Tensor> f = load("offset_" + offset);
        Tensor x = f.get("x").to(DType.F32);
        Tensor target = f.get("target");
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (Map.Entry<String, BiFunction<Var, Tensor, Var>> e : FUNCTIONS.entrySet()) {
            String name = e.getKey();
            Var leaf = Var.param(x);
            Var out = e.getValue().apply(leaf, target);
            out.backward(f.get("seed_" + name).to(DType.F32).reshape(out.value().shape()));
            ok &= compare(name, f, out.value(), report);
            ok &= compare(name + "_grad", f, leaf.grad(), report);
        }
        assertTrue(ok, "offset " + offset + ":\n" + report);
    }

    /** Appends ours and PyTorch's error of one result; false when ours exceeds the bound. */
    private static boolean compare(String what, Map<String, Tensor> f, Tensor ours, StringBuilder report) {
        Tensor ref = f.get("ref_" + what);
        assertArrayEquals(ref.shape(), ours.shape(), what + ": shape");
        double[] r = ref.toDoubleArray();
        double err = error(ours.to(DType.F64).toDoubleArray(), r);
        double torch = error(f.get("torch_" + what).toDoubleArray(), r);
        boolean ok = err <= SLACK * torch + FLOOR && (!what.equals("logsumexp_grad") || err <= F32_PRECISION);
        report.append(String.format("  %-16s ours %.3g, PyTorch F32 %.3g%s%n", what, err, torch, ok ? "" : "  <- too large"));
        return ok;
    }

    private static double error(double[] y, double[] r) {
        double scale = Arrays.stream(r).map(Math::abs).average().orElse(0);
        double worst = 0;
        for (int i = 0; i < r.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - r[i]) / (Math.abs(r[i]) + scale));
        }
        return worst;
    }

    /** Named tensors, one a line: {@code <name> <F64|I64> [d0,d1,...] v0 v1 ...}. */
    private static Map<String, Tensor> load(String name) throws IOException {
        InputStream in = OffsetLogitsTest.class.getResourceAsStream("/fixtures/offset_logits/" + name + ".txt");
        assertNotNull(in, "missing fixture " + name + "; run offset_logits_fixtures.py");
        Map<String, Tensor> tensors = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] tok = line.trim().split("\\s+");
                    String dims = tok[2].substring(1, tok[2].length() - 1);
                    int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
                    String[] values = Arrays.copyOfRange(tok, 3, tok.length);
                    tensors.put(tok[0], tok[1].equals("I64")
                            ? Tensor.of(Arrays.stream(values).mapToLong(Long::parseLong).toArray(), shape)
                            : Tensor.of(Arrays.stream(values).mapToDouble(Double::parseDouble).toArray(), shape));
                }
            }
        }
        return tensors;
    }
}
