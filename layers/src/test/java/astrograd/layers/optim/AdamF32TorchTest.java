package astrograd.layers.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adam and AdamW on F32 parameters (the fused CPU update, {@link AdamCpu}) follow torch.optim's float32
 * trajectories: parameters and every moment after each of 12 steps of a fixed gradient sequence spanning
 * 1e-3 to 1e2 with zeros (fixtures {@code f32_<name>.txt} of optim_fixtures.py), element by element within
 * {@code atol + 1e-5 |expected|}. The two differ only in rounding (torch divides by {@code √(1 − β₂ᵗ)} where the
 * fused loop multiplies by its reciprocal, and may fuse {@code m β₁ + (1 − β₁) g}); seen: 7e-7 relative on the
 * parameters and second moments, 3e-6 on first moments away from cancellation. {@code atol} is 1e-7 for the
 * parameters and first moments (where {@code β₁ m} and {@code (1 − β₁) g} cancel, up to 5e-8 is seen) and 0 for the
 * second moments, which are sums of squares and span 1e-12 to 1e4.
 */
class AdamF32TorchTest {
    private static final int STEPS = 12;
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-7;

    private static final Map<String, Function<List<Parameter>, Adam>> OPTIMIZERS = Map.of(
            "adam", p -> new Adam(p, 0.01),
            "adam_amsgrad_wd", p -> new Adam(p, 0.02, 0.8, 0.99, 1e-6, 0.1, true),
            "adamw", p -> new AdamW(p, 0.01, 0.9, 0.999, 1e-8, 0.1, false),
            "adamw_amsgrad", p -> new AdamW(p, 0.02, 0.85, 0.98, 1e-8, 0.05, true));

    /** Two F32 parameters with the fixture's initial values. */
    private static final class Params extends Module {
        Params(OptimFixtures f) {
            parameter("p0", f32(f, "init.0"));
            parameter("p1", f32(f, "init.1"));
        }
    }

    private static Tensor f32(OptimFixtures f, String key) {
        return f.tensor(key).to(DType.F32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "adam_amsgrad_wd", "adamw", "adamw_amsgrad"})
    void float32TrajectoryMatchesTorch(String name) {
        OptimFixtures f = OptimFixtures.load("f32_" + name + ".txt");
        List<Parameter> ps = new Params(f).parameters();
        Adam adam = OPTIMIZERS.get(name).apply(ps);
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < ps.size(); i++) {
                Tensor g = f32(f, "grad." + k + "." + i);
                assertTrue(AdamCpu.applies(ps.get(i).value(), g), "the fused F32 path applies");
                ps.get(i).setGrad(g);
            }
            adam.step();
            Map<String, Tensor> state = adam.state();
            for (int i = 0; i < ps.size(); i++) {
                String at = name + " step " + k + " parameter " + i;
                assertClose(f.tensor("param." + k + "." + i), ps.get(i).value(), ATOL, at);
                for (String slot : List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")) {
                    if (f.has(slot + "." + k + "." + i)) {
                        assertClose(f.tensor(slot + "." + k + "." + i), state.get("param." + i + "." + slot),
                                slot.equals("exp_avg") ? ATOL : 0, at + " " + slot);
                    }
                }
            }
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, double atol, String what) {
        assertTrue(actual.dtype() == DType.F32, what + ": dtype " + actual.dtype());
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int j = 0; j < e.length; j++) {
            double allowed = atol + RTOL * Math.abs(e[j]);
            if (!(Math.abs(a[j] - e[j]) <= allowed)) {
                fail(what + "[" + j + "]: expected " + e[j] + ", got " + a[j] + " (allowed " + allowed + ")");
            }
        }
    }
}
