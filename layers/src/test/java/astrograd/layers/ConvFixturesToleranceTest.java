package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The conv fixtures' check holds every element to its own magnitude, not to the largest one's. */
class ConvFixturesToleranceTest {
    private static void check(double[] expected, double[] actual, DType dtype) {
        ConvFixtures.assertClose(Tensor.of(expected, expected.length), Tensor.of(actual, actual.length),
                ConvFixtures.tolerance(dtype), ConvFixtures.absoluteTolerance(dtype), "probe");
    }

    @Test
    void aSmallElementIsNotCoveredByALargeOne() {
        check(new double[] {1000, 0.001}, new double[] {1000.005, 0.001000001}, DType.F32);
        assertThrows(AssertionFailedError.class, () -> check(new double[] {1000, 0.001}, new double[] {1000, 0.002}, DType.F32));
        check(new double[] {1e6, 0.1}, new double[] {1e6 + 1e-5, 0.1}, DType.F64);
        assertThrows(AssertionFailedError.class, () -> check(new double[] {1e6, 0.1}, new double[] {1e6, 0.1 + 1e-6}, DType.F64));
    }
}
