package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link GradCheck} never reads a gradient that did not arrive as zeros. */
class GradCheckTest {
    private static final Tensor X = Tensor.of(0.5, -1.5, 2.0);

    @Test
    void aResultThatRecordsNoGraphIsAnErrorNotAZeroGradient() {
        // sign's true derivative is 0, so zeros read for the missing gradient would pass the comparison
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradCheck.check(v -> Var.constant(v[0].value().sign()), X));
        assertTrue(e.getMessage().contains("records no graph"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> GradCheck.innerProduct(
                v -> Var.constant(v[0].value().sign()), 1e-6, 1e-6, 1e-6, new Rng(1), X));
    }

    @Test
    void anInputNoGradientReachesIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradCheck.check(v -> v[0].sign().add(v[1].detach()), X, X));
        assertTrue(e.getMessage().contains("no gradient reached input 1"), e.getMessage());
    }

    @Test
    void aZeroGradientThatArrivesPasses() {
        GradCheck.assertPasses(GradCheck.check(v -> v[0].sign().mul(v[1]), X, Tensor.of(1.0, 2.0, 3.0)));
    }
}
