package astrograd.layers.losses;

import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The fixture check holds every element to its own magnitude. {@code gnll_clamped}'s variance gradient spans
 * 1e-1 to 8e11: a tolerance scaled by the largest element (1e-10 · 7.8e11 ≈ 78) would accept a small entry
 * off by 10.
 */
class FixtureToleranceTest {
    /** gnll_clamped's loss plus {@code Σ c (v − v)}: the same value, and {@code c} added to the variance gradient. */
    private static void checkWithVarianceGradientOffBy(Tensor c) {
        Fixture f = Fixture.load("gnll_clamped");
        Var input = f.param("input", DType.F64);
        Var target = f.param("target", DType.F64);
        Var variance = f.param("var", DType.F64);
        Var loss = GaussianLosses.gaussianNll(input, target, variance, false, 1e-6, Reduction.SUM);
        Var zero = variance.sub(Var.constant(variance.value())).mul(Var.constant(c)).sum();
        f.check(loss.add(zero), DType.F64, Map.of("input", input, "target", target, "var", variance));
    }

    @Test
    void aSmallGradientEntryOffByTenFails() {
        checkWithVarianceGradientOffBy(Tensor.zeros(DType.F64, 4, 3));
        double[] off = new double[12];
        off[1] = 10; // grad_var[1] is 1.98; grad_var[0] is -7.75e11
        assertThrows(AssertionFailedError.class, () -> checkWithVarianceGradientOffBy(Tensor.of(off, 4, 3)));
    }

    @Test
    void aLargeEntryMayDifferOnlyRelatively() {
        double[] off = new double[12];
        off[0] = 1e-3 * 7.75e11 * 1e-10; // a relative error of 1e-13 on -7.75e11 passes
        checkWithVarianceGradientOffBy(Tensor.of(off, 4, 3));
        off[0] = 7.75e11 * 1e-9; // 1e-9 does not
        assertThrows(AssertionFailedError.class, () -> checkWithVarianceGradientOffBy(Tensor.of(off, 4, 3)));
    }
}
