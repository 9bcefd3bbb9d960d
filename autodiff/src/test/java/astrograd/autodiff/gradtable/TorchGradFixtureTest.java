package astrograd.autodiff.gradtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link GradOpTable} row against PyTorch 1.13 ({@code make_grad_fixtures.py}, see its docstring for
 * the conventions): the fixture's float64 inputs and auxiliary inputs are fed to the row's call, the output
 * must match torch's, and the gradients of {@code sum(weight * output)} (the seed is the fixture's weight)
 * must match torch's for every input. Tolerance, element-wise, F64:
 * {@code |got - torch| <= 1e-10 |torch| + 1e-12 max(1, max|torch|)} (relative 1e-10 with an absolute floor
 * scaled to the tensor). The fixture's input shapes must be the row's small shapes, so the script and the
 * table cannot drift apart; a row without a fixture fails, and so does a fixture without a row. An input that
 * no gradient reaches fails (never read as zeros), and so does an op whose rule is missing.
 */
class TorchGradFixtureTest {
    static final double RTOL = 1e-10;
    static final double ATOL = 1e-12;

    static Stream<String> ids() {
        return GradOpTable.rows().stream().map(r -> r.id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void gradientsMatchTorch(String id) {
        GradRow row = GradOpTable.get(id);
        GradFixtures.Case c = GradFixtures.load(id);
        assertNotNull(c, "missing fixture " + GradFixtures.DIR + id + ".txt: run make_grad_fixtures.py");
        assertEquals(row.arity(), c.inputs.size(), id + ": number of differentiable inputs in the fixture");
        assertEquals(row.arity(), c.grads.size(), id + ": number of gradients in the fixture");
        int[][] shapes = row.smallShapes();
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], c.inputs.get(i).shape(), id + ": fixture input " + i + " shape differs from the row's");
        }
        String what = GradOpTableTest.describe(row, "vs torch", shapes);
        Var[] vars = c.inputs.stream().map(Var::param).toArray(Var[]::new);
        Tensor[] aux = c.aux.toArray(new Tensor[0]);
        Var out = GradOpTableTest.runOrFail(what + " (forward)", () -> row.bind(aux).apply(vars));
        check(what + ": output", c.output, out.value());
        assertTrue(out.requiresGrad(), what + ": output does not require a gradient");
        GradOpTableTest.runOrFail(what + " (backward)", () -> {
            out.backward(c.weight);
            return null;
        });
        for (int i = 0; i < vars.length; i++) {
            Tensor g = vars[i].grad();
            assertNotNull(g, what + ": no gradient reached input " + i + " (a missing rule is not a zero gradient)");
            check(what + ": gradient of input " + i, c.grads.get(i), g);
        }
    }

    /** Fails naming the worst element when got differs from expected beyond the tolerance. */
    static void check(String what, Tensor expected, Tensor got) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        assertEquals(DType.F64, got.dtype(), what + ": dtype");
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        int worst = -1;
        double worstMargin = 0;
        for (int k = 0; k < e.length; k++) {
            double diff = Math.abs(g[k] - e[k]);
            double margin = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - (RTOL * Math.abs(e[k]) + ATOL * scale);
            if (margin > worstMargin) {
                worst = k;
                worstMargin = margin;
            }
        }
        if (worst >= 0) {
            fail(what + " differs at " + Arrays.toString(unravel(worst, expected.shape())) + ": got " + g[worst]
                    + ", torch " + e[worst] + ", |diff| " + Math.abs(g[worst] - e[worst]) + " (allowed "
                    + (RTOL * Math.abs(e[worst]) + ATOL * scale) + ")");
        }
    }

    private static int[] unravel(int k, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = k % shape[d];
            k /= shape[d];
        }
        return index;
    }

    @Test
    void everyFixtureHasATableRow() {
        List<String> orphans = new ArrayList<>();
        for (String id : GradFixtures.presentIds()) {
            if (GradOpTable.rows().stream().noneMatch(r -> r.id.equals(id))) {
                orphans.add(id);
            }
        }
        assertTrue(orphans.isEmpty(), "gradient fixtures without a GradOpTable row: " + orphans);
    }
}
