package astrograd.autodiff.gradtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backward rule is a pure function of the values its op saved and of the upstream gradient: for every
 * {@link GradOpTable} row, a graph kept with {@code retainGraph} is walked with a first seed u₁, the gradients
 * are cleared, and it is walked twice more with a second seed u₂. The second pass must give the gradients
 * of a freshly built graph walked once with u₂, and the third pass must double them (leaves accumulate).
 * A rule that kept something from an earlier pass (a cached upstream gradient) or changed what it saved
 * answers the second pass with the first pass's numbers. Tolerance, element-wise, F64:
 * {@code |got - expected| <= 1e-12 (|expected| + max|expected|)}.
 */
class RetainedGraphTest {
    private static final double TOL = 1e-12;

    static Stream<String> ids() {
        return GradOpTable.rows().stream().map(r -> r.id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void everyPassThroughARetainedGraphIsAFreshPass(String id) {
        GradRow row = GradOpTable.get(id);
        SplittableRandom r = new SplittableRandom(row.seed(3));
        int[][] shapes = row.smallShapes();
        Tensor[] in = row.draw(r, shapes);
        Tensor[] aux = row.drawAux(r, shapes);
        Rng rng = new Rng(row.seed(4));

        Var[] retained = params(in);
        Var out = row.bind(aux).apply(retained);
        Tensor first = rng.randn(DType.F64, out.value().shape());
        Tensor second = rng.randn(DType.F64, out.value().shape());
        out.backward(first, true);
        Var.zeroGrad(List.of(retained));
        out.backward(second, true);
        Tensor[] once = grads(id, retained);
        out.backward(second, true);
        Tensor[] twice = grads(id, retained);

        Var[] fresh = params(in);
        row.bind(aux).apply(fresh).backward(second);
        Tensor[] expected = grads(id, fresh);
        for (int i = 0; i < in.length; i++) {
            assertClose(id + ": input " + i + ", second pass through the retained graph", expected[i], once[i]);
            assertClose(id + ": input " + i + ", third pass (accumulated)", expected[i].mul(2), twice[i]);
        }
    }

    private static Var[] params(Tensor[] values) {
        Var[] vars = new Var[values.length];
        for (int i = 0; i < values.length; i++) {
            vars[i] = Var.param(values[i]);
        }
        return vars;
    }

    private static Tensor[] grads(String id, Var[] vars) {
        Tensor[] g = new Tensor[vars.length];
        for (int i = 0; i < vars.length; i++) {
            g[i] = vars[i].grad();
            assertNotNull(g[i], id + ": no gradient reached input " + i);
        }
        return g;
    }

    private static void assertClose(String what, Tensor expected, Tensor got) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < e.length; k++) {
            if (!(Math.abs(g[k] - e[k]) <= TOL * (Math.abs(e[k]) + scale))) {
                fail(what + " differs at flat index " + k + ": got " + g[k] + ", expected " + e[k]);
            }
        }
    }
}
