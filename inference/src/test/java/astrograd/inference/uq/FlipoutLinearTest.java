package astrograd.inference.uq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlipoutLinearTest {
    @Test
    void klMatchesTheClosedFormAtInitialization() {
        FlipoutLinear layer = new FlipoutLinear(3, 2, 0.5, DType.F64, new Rng(1));
        double sigma = Math.log1p(Math.exp(FlipoutLinear.INITIAL_RHO));
        double expected = 0;
        for (var e : layer.namedParameters().entrySet()) {
            if (e.getKey().endsWith("_mean")) {
                for (double mu : e.getValue().value().toDoubleArray()) {
                    expected += Math.log(0.5 / sigma) + (sigma * sigma + mu * mu) / (2 * 0.25) - 0.5;
                }
            }
        }
        assertEquals(expected, layer.kl().value().item(), 1e-10 * Math.abs(expected));
        assertEquals(expected / 100, FlipoutLinear.totalKl(layer, 100).value().item(), 1e-10 * Math.abs(expected));
    }

    @Test
    void passesDifferAndEachExampleSeesItsOwnPerturbation() {
        FlipoutLinear layer = new FlipoutLinear(4, 3, 1, DType.F64, new Rng(2));
        Tensor x = Tensor.ones(DType.F64, 2, 4);
        double[] a = layer.forward(Var.constant(x)).value().toDoubleArray();
        double[] b = layer.forward(Var.constant(x)).value().toDoubleArray();
        assertFalse(Arrays.equals(a, b), "two passes gave the same output");
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 0, 3), Arrays.copyOfRange(a, 3, 6)),
                "identical inputs in one batch got the same perturbation");
    }

    @Test
    void gradientsOfTheKlAndOfTheSampledForwardPassTheFloat64Check() {
        Rng rng = new Rng(3);
        GradCheck.assertPasses(GradCheck.check(v -> FlipoutLinear.klTerm(v[0], v[1], 0.7),
                rng.randn(DType.F64, 3, 2), rng.normal(DType.F64, -2, 1, 3, 2)));
        FlipoutLinear layer = new FlipoutLinear(3, 2, 1, DType.F64, new Rng(4));
        GradCheck.assertPasses(GradCheck.check(v -> {
            layer.setStreamByName("noise", new Rng(7));
            return layer.forward(v[0]);
        }, rng.randn(DType.F64, 4, 3)));
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FlipoutLinear(0, 2, 1, DType.F32, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> FlipoutLinear.totalKl(new FlipoutLinear(1, 1, 1,
                DType.F32, new Rng(1)), 0));
    }
}
