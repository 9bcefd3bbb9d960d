package astrograd.layers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer owns its state: what {@link Optimizer#state()} hands out and what {@link Optimizer#loadState}
 * is given never change when the optimizer steps (Adam's fused CPU path updates its moments in place), and a
 * round trip continues bit for bit. Every optimizer, F32 and F64.
 */
class OptimizerStateTest {
    private static final Map<String, Function<List<Parameter>, Optimizer>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("sgd_momentum", p -> new Sgd(p, 0.05, 0.9, 0.1, false, 0.01));
        OPTIMIZERS.put("adam", p -> new Adam(p, 0.01));
        OPTIMIZERS.put("adam_amsgrad_wd", p -> new Adam(p, 0.02, 0.8, 0.99, 1e-6, 0.1, true));
        OPTIMIZERS.put("adamw", p -> new AdamW(p, 0.01));
        OPTIMIZERS.put("adamw_amsgrad", p -> new AdamW(p, 0.02, 0.85, 0.98, 1e-8, 0.05, true));
        OPTIMIZERS.put("rmsprop_centered_momentum", p -> new RmsProp(p, 0.005, 0.9, 1e-6, 0.01, 0.5, true));
    }

    static Stream<Arguments> cases() {
        return OPTIMIZERS.keySet().stream().flatMap(name -> Stream.of(Arguments.of(name, DType.F32), Arguments.of(name, DType.F64)));
    }

    private static final class Run {
        final Linear model;
        final Optimizer opt;
        private int taken;

        Run(String name, DType dtype) {
            model = new Linear(5, 3, true, dtype, new Rng(4));
            opt = OPTIMIZERS.get(name).apply(model.parameters());
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                Tensor x = new Rng(21).fold(taken++).randn(model.weight().value().dtype(), 8, 5);
                opt.zeroGrad();
                model.forward(Var.constant(x)).tanh().square().mean().backward();
                opt.step();
            }
        }
    }

    /** Every element's bits, per key, so a later in-place change shows. */
    private static Map<String, long[]> bits(Map<String, Tensor> state) {
        Map<String, long[]> out = new LinkedHashMap<>();
        state.forEach((k, t) -> {
            double[] d = t.toDoubleArray();
            long[] b = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                b[i] = Double.doubleToRawLongBits(d[i]);
            }
            out.put(k, b);
        });
        return out;
    }

    private static void assertSameBits(Map<String, long[]> expected, Map<String, Tensor> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        Map<String, long[]> now = bits(actual);
        expected.forEach((k, b) -> assertArrayEquals(b, now.get(k), what + ": " + k));
    }

    private static List<Tensor> parameterValues(Run r) {
        List<Tensor> out = new ArrayList<>();
        r.model.parameters().forEach(p -> out.add(p.value()));
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void loadedStateIsCopiedAndNotModifiedByLaterSteps(String name, DType dtype) {
        Run a = new Run(name, dtype);
        a.steps(3);
        Map<String, Tensor> saved = a.opt.state();
        Map<String, long[]> savedBits = bits(saved);

        Run b = new Run(name, dtype);
        b.opt.loadState(saved);
        b.steps(4);
        assertSameBits(savedBits, saved, name + ": the map given to loadState");
        assertSameBits(savedBits, a.opt.state(), name + ": the optimizer the state came from");

        Run c = new Run(name, dtype);
        c.opt.loadState(saved);
        c.steps(4);
        assertSameBits(bits(b.opt.state()), c.opt.state(), name + ": a second load of the same map");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void stateIsASnapshot(String name, DType dtype) {
        Run a = new Run(name, dtype);
        a.steps(2);
        Map<String, Tensor> first = a.opt.state();
        Map<String, long[]> firstBits = bits(first);
        a.steps(2);
        assertSameBits(firstBits, first, name + ": state() taken before two more steps");
        Map<String, Tensor> again = a.opt.state();
        first.forEach((k, t) -> {
            if (t.rank() > 0) {
                assertNotSame(t.storage(), again.get(k).storage(), k);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void roundTripContinuesBitForBit(String name, DType dtype) {
        Run straight = new Run(name, dtype);
        straight.steps(7);
        Run interrupted = new Run(name, dtype);
        interrupted.steps(3);
        Run resumed = new Run(name, dtype);
        List<Tensor> values = parameterValues(interrupted);
        for (int i = 0; i < values.size(); i++) {
            resumed.model.parameters().get(i).set(values.get(i));
        }
        resumed.opt.setLr(123);
        resumed.opt.loadState(interrupted.opt.state());
        resumed.taken = 3;
        resumed.steps(4);
        assertSameBits(bits(straight.opt.state()), resumed.opt.state(), name + ": state after the resumed steps");
        List<Tensor> expected = parameterValues(straight);
        List<Tensor> actual = parameterValues(resumed);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).toDoubleArray(), actual.get(i).toDoubleArray(), 0.0, name + " parameter " + i);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    @SuppressWarnings("try")
    void keepStateKeepsSlotsAllocatedInsideAScope(String name, DType dtype) {
        Run a = new Run(name, dtype);
        for (int i = 0; i < 3; i++) {
            try (TensorScope scope = TensorScope.open()) {
                a.steps(1);
                a.model.parameters().forEach(p -> scope.keep(p.value()));
                a.opt.keepState(scope);
            }
        }
        Run b = new Run(name, dtype);
        b.steps(3);
        assertSameBits(bits(b.opt.state()), a.opt.state(), name + ": slots kept across three scoped steps");
    }
}
