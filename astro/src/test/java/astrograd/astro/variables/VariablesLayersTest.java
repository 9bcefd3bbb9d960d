package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two layers of this package against PyTorch fixtures ({@code astro/src/test/python/variables_layer_fixtures.py})
 * and float64 gradient checks.
 */
class VariablesLayersTest {
    private static final double TOL = 1e-10;

    @Test
    void causalConvMatchesWeightNormConvOnZeroPaddedInput() {
        Map<String, Tensor> f = fixture("causal_conv1d_k3_d2");
        CausalConv1d conv = new CausalConv1d(2, 3, 3, 2, DType.F64, new Rng(1));
        assertEquals(List.of("bias", "weight_g", "weight_v"), List.copyOf(conv.namedParameters().keySet()));
        conv.namedParameters().forEach((n, p) -> p.set(f.get("param." + n)));
        check(conv, f);
    }

    @Test
    void cyclicMaxPoolMatchesMaxPoolOnWrappedInput() {
        for (int k : new int[] {3, 4}) {
            check(new CyclicMaxPool1d(k), fixture("cyclic_max_pool1d_k" + k));
        }
    }

    @Test
    void inputGradientsPassFloat64Checks() {
        // parameter gradients are compared with PyTorch's above; both layers are composites of checked ops
        Rng rng = new Rng(5);
        CausalConv1d conv = new CausalConv1d(2, 3, 3, 2, DType.F64, rng);
        GradCheck.assertPasses(GradCheck.check(a -> conv.forward(a[0]), rng.randn(DType.F64, 2, 2, 7)));
        CyclicMaxPool1d pool = new CyclicMaxPool1d(4);
        GradCheck.assertPasses(GradCheck.check(a -> pool.forward(a[0]), rng.randn(DType.F64, 2, 3, 9)));
    }

    private static void check(Module layer, Map<String, Tensor> f) {
        Var x = Var.param(f.get("x"));
        Var y = ((astrograd.layers.Layer) layer).forward(x);
        close("y", f.get("y"), y.value());
        y.mul(Var.constant(f.get("gy"))).sum().backward();
        close("gx", f.get("gx"), x.grad());
        layer.namedParameters().forEach((n, p) -> close("grad." + n, f.get("grad." + n), p.grad()));
    }

    private static void close(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.toDoubleArray();
        double[] a = actual.to(DType.F64).toDoubleArray();
        double scale = Arrays.stream(e).map(Math::abs).max().orElse(1);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], TOL * Math.max(1, scale), what + "[" + i + "]");
        }
    }

    private static Map<String, Tensor> fixture(String name) {
        String path = "/fixtures/variables/" + name + ".txt";
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (InputStream in = VariablesLayersTest.class.getResourceAsStream(path)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] tok = line.trim().split("\\s+");
                int[] shape = Arrays.stream(tok[1].substring(1, tok[1].length() - 1).split(","))
                        .mapToInt(Integer::parseInt).toArray();
                double[] v = Arrays.stream(tok, 2, tok.length).mapToDouble(Double::parseDouble).toArray();
                out.put(tok[0], Tensor.of(v, shape));
            }
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("cannot read " + path + "; run astro/src/test/python/variables_layer_fixtures.py", e);
        }
        return out;
    }
}
