package astrograd.autodiff.gradtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients of every {@link GradOpTable} row against float64 finite differences:
 * <ul>
 *   <li>{@link GradCheck#check} element by element on the small instance (step 1e-6,
 *       {@code |analytic - numeric| <= 1e-6 + 1e-5 |numeric|});</li>
 *   <li>{@link GradCheck#innerProduct} ⟨u, J v⟩ vs ⟨Jᵀu, v⟩ on the larger instance (step 1e-6,
 *       {@code |diff| <= 1e-6 + 1e-6 |⟨u, J v⟩|}).</li>
 * </ul>
 * Rows on kinks or ties by design ({@link GradRow#torchOnlyReason()}) are left to the PyTorch comparison.
 * Every row declares its op differentiable: an op whose rule is missing (the walker's
 * UnsupportedOperationException, a result that records no graph, an input no gradient reaches) fails, it is
 * never skipped. The ops that carry no gradient by design are listed in {@link #NO_GRADIENT} and checked to
 * record none.
 */
class GradOpTableTest {
    /** Var and VarConv methods that are not differentiable ops (accessors, leaves, the backward pass). */
    private static final Set<String> NOT_OPS = Set.of("value()", "grad()", "requiresGrad()", "isLeaf()", "op()",
            "retainGrad()", "zeroGrad()", "setGrad(Tensor)", "zeroGrad(Iterable)", "backward()", "backward(Tensor)",
            "backward(Tensor,boolean)", "toString()", "param(Tensor)", "constant(Tensor)", "of(Tensor,boolean)");

    /**
     * Public ops whose result carries no gradient by design, each with a call that must record no graph from
     * an input that requires a gradient. Every other op is declared differentiable by its table rows.
     */
    static final Map<String, UnaryOperator<Var>> NO_GRADIENT = Map.of(
            "detach()", Var::detach,
            "to(DType) to I64", x -> x.to(DType.I64),
            "to(DType) to I32", x -> x.to(DType.I32),
            "to(DType) to BOOL", x -> x.to(DType.BOOL));

    static Stream<String> checkedRows() {
        return GradOpTable.rows().stream().filter(r -> r.torchOnlyReason() == null).map(r -> r.id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkedRows")
    void finiteDifferences(String id) {
        GradRow row = GradOpTable.get(id);
        SplittableRandom r = new SplittableRandom(row.seed(0));
        int[][] shapes = row.smallShapes();
        Tensor[] in = row.draw(r, shapes);
        Tensor[] aux = row.drawAux(r, shapes);
        GradCheck.Report report = runOrFail(describe(row, "element-wise check", shapes),
                () -> GradCheck.check(row.bind(aux), in));
        if (!report.passed()) {
            fail(describe(row, "element-wise check", shapes) + ": " + report);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkedRows")
    void innerProductOnLargerInstance(String id) {
        GradRow row = GradOpTable.get(id);
        SplittableRandom r = new SplittableRandom(row.seed(1));
        int[][] shapes = row.largeShapes();
        Tensor[] in = row.draw(r, shapes);
        Tensor[] aux = row.drawAux(r, shapes);
        Rng rng = new Rng(row.seed(2));
        GradCheck.Report report = runOrFail(describe(row, "inner-product check", shapes),
                () -> GradCheck.innerProduct(row.bind(aux), 1e-6, 1e-6, 1e-6, rng, in));
        if (!report.passed()) {
            fail(describe(row, "inner-product check", shapes) + ": " + report);
        }
    }

    static String describe(GradRow row, String check, int[][] shapes) {
        return "row " + row.id + " (" + String.join(", ", row.covers) + ") " + check + " on inputs "
                + Arrays.stream(shapes).map(Arrays::toString).collect(Collectors.joining(" "));
    }

    /**
     * Runs a check; any exception fails it naming the row, an op without a gradient rule
     * (UnsupportedOperationException) included.
     */
    static <T> T runOrFail(String what, Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRows")
    void everyRowRecordsARuleThatReachesEveryInput(String id) {
        GradRow row = GradOpTable.get(id);
        SplittableRandom r = new SplittableRandom(row.seed(0));
        int[][] shapes = row.smallShapes();
        Tensor[] in = row.draw(r, shapes);
        Tensor[] aux = row.drawAux(r, shapes);
        Var[] vars = Arrays.stream(in).map(Var::param).toArray(Var[]::new);
        String what = describe(row, "backward", shapes);
        Var out = runOrFail(what, () -> row.bind(aux).apply(vars));
        assertTrue(out.requiresGrad(), what + ": the result records no graph (no gradient rule)");
        runOrFail(what, () -> {
            out.backward(Tensor.ones(DType.F64, out.value().shape()));
            return null;
        });
        for (int i = 0; i < vars.length; i++) {
            assertNotNull(vars[i].grad(), what + ": no gradient reached input " + i);
        }
    }

    static Stream<String> allRows() {
        return GradOpTable.rows().stream().map(r -> r.id);
    }

    @Test
    void theOpsWithoutAGradientRecordNone() {
        Set<String> ops = publicOps();
        for (Map.Entry<String, UnaryOperator<Var>> e : NO_GRADIENT.entrySet()) {
            String signature = e.getKey().split(" ")[0];
            assertTrue(ops.contains(signature), e.getKey() + ": not a public op (typo or removed op)");
            Var y = e.getValue().apply(Var.param(Tensor.of(1.5, -2.0, 0.0)));
            assertFalse(y.requiresGrad(), e.getKey() + " is listed without a gradient but records one: "
                    + "remove it from NO_GRADIENT and give it table rows");
            assertTrue(y.isLeaf(), e.getKey() + ": records op " + y.op());
        }
    }

    /** Public differentiable methods of Var and VarConv as {@code name(Type,...)} (VarConv's prefixed). */
    static Set<String> publicOps() {
        Set<String> ops = new TreeSet<>();
        for (Method m : Var.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                ops.add(signature(m));
            }
        }
        for (Method m : VarConv.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                ops.add("VarConv." + signature(m));
            }
        }
        ops.removeAll(NOT_OPS);
        return ops;
    }

    private static String signature(Method m) {
        return m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",")) + ")";
    }

    @Test
    void tableCoversEveryOp() {
        Set<String> covered = GradOpTable.rows().stream().flatMap(r -> r.covers.stream()).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(publicOps());
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "public Var/VarConv ops without a GradOpTable row: " + missing);
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(publicOps());
        assertTrue(unknown.isEmpty(), "rows cover methods that are not public ops (typo or removed op): " + unknown);
    }

    @Test
    void everyCheckedRowHasALargerInstanceOfTheSameArity() {
        for (GradRow row : GradOpTable.rows()) {
            assertEquals(row.arity(), row.largeShapes().length, row.id + ": large shapes");
            assertTrue(row.arity() > 0, row.id + ": no differentiable input");
        }
    }

    @Test
    void castGradientComesBackInTheInputDtype() {
        Var x32 = Var.param(Tensor.of(new float[] {1.5f, -2f, 0.25f}, 3));
        x32.to(DType.F64).mul(Var.constant(Tensor.of(2.0, 3.0, 4.0))).sum().backward();
        assertEquals(DType.F32, x32.grad().dtype(), "F32 -> F64 cast: gradient of the F32 input");
        assertArrayEquals(new float[] {2, 3, 4}, x32.grad().toFloatArray());

        Var x64 = Var.param(Tensor.of(1.5, -2.0, 0.1));
        x64.to(DType.F32).square().sum().backward();
        assertEquals(DType.F64, x64.grad().dtype(), "F64 -> F32 cast: gradient of the F64 input");
        assertArrayEquals(new double[] {3, -4, 0.2}, x64.grad().toDoubleArray(), 1e-6);

        Var toInt = Var.param(Tensor.of(1.5, -2.0)).to(DType.I64);
        assertFalse(toInt.requiresGrad(), "a cast to an integer type carries no gradient");
        assertEquals(DType.I64, toInt.value().dtype());
    }

    @Test
    void torchOnlyRowsSayWhy() {
        List<GradRow> rows = GradOpTable.rows();
        long torchOnly = rows.stream().filter(r -> r.torchOnlyReason() != null).count();
        assertTrue(torchOnly < rows.size() / 5, "most rows must be checked by finite differences");
        rows.stream().filter(r -> r.torchOnlyReason() != null)
                .forEach(r -> assertFalse(r.torchOnlyReason().isBlank(), r.id + ": torch-only without a reason"));
    }
}
