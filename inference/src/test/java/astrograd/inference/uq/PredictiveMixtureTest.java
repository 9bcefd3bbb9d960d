package astrograd.inference.uq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictiveMixtureTest {
    /** μ₁ = (0,0), Σ₁ = I and μ₂ = (2,0), Σ₂ = diag(1,4). */
    private static PredictiveMixture twoComponents() {
        Gaussians a = new Gaussians(Tensor.of(new double[] {0, 0}, 1, 2), Tensor.of(new double[] {1, 0, 0, 1}, 1, 2, 2));
        Gaussians b = new Gaussians(Tensor.of(new double[] {2, 0}, 1, 2), Tensor.of(new double[] {1, 0, 0, 4}, 1, 2, 2));
        return PredictiveMixture.of(List.of(a, b));
    }

    @Test
    void analyticMomentsAreExact() {
        PredictiveMixture m = twoComponents();
        assertArrayEquals(new double[] {1, 0}, m.mean().toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, 0, 0, 2.5}, m.covariance().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 2.5}, m.aleatoric().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 0}, m.epistemic().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 2.5}, m.withoutEpistemic().covariance().toDoubleArray(), 0);
    }

    @Test
    void streamingMomentsEqualTheStoredMixture() {
        Rng rng = new Rng(8);
        java.util.List<Gaussians> passes = new java.util.ArrayList<>();
        MomentAccumulator acc = new MomentAccumulator();
        for (int m = 0; m < 7; m++) {
            Tensor l = rng.randn(astrograd.tensor.DType.F64, 4, 3, 3);
            Gaussians g = new Gaussians(rng.randn(astrograd.tensor.DType.F64, 4, 3), l.matmul(l.transpose(1, 2)));
            passes.add(g);
            acc.add(g);
        }
        PredictiveMixture mix = PredictiveMixture.of(passes);
        assertArrayEquals(mix.mean().toDoubleArray(), acc.mean().toDoubleArray(), 1e-12);
        assertArrayEquals(mix.aleatoric().toDoubleArray(), acc.aleatoric().toDoubleArray(), 1e-12);
        assertArrayEquals(mix.epistemic().toDoubleArray(), acc.epistemic().toDoubleArray(), 1e-12);
    }

    @Test
    void millionSamplesMatchTheMoments() {
        int n = 1_000_000;
        double[] s = twoComponents().sample(new Rng(5), n).toDoubleArray();
        double[] mean = new double[2];
        for (int i = 0; i < n; i++) {
            mean[0] += s[2 * i];
            mean[1] += s[2 * i + 1];
        }
        mean[0] /= n;
        mean[1] /= n;
        double[] cov = new double[3];
        for (int i = 0; i < n; i++) {
            double a = s[2 * i] - mean[0];
            double b = s[2 * i + 1] - mean[1];
            cov[0] += a * a;
            cov[1] += a * b;
            cov[2] += b * b;
        }
        assertEquals(1, mean[0], 0.01);
        assertEquals(0, mean[1], 0.01);
        assertEquals(2, cov[0] / (n - 1), 0.02);
        assertEquals(2.5, cov[2] / (n - 1), 0.025);
        assertEquals(0, cov[1] / (n - 1), 0.01 * Math.sqrt(2 * 2.5));
    }

    @Test
    void logDensityIsTheEqualWeightMixture() {
        double[] y = {0.5, -1};
        double expected = Math.log(0.5 * normal2(y, new double[] {0, 0}, 1, 1) + 0.5 * normal2(y, new double[] {2, 0}, 1, 4));
        assertEquals(expected, twoComponents().logDensity(Tensor.of(y, 1, 2))[0], 1e-12);
    }

    @Test
    void mismatchedComponentsAreRefused() {
        Gaussians a = new Gaussians(Tensor.of(new double[] {0, 0}, 1, 2), Tensor.of(new double[] {1, 0, 0, 1}, 1, 2, 2));
        Gaussians b = new Gaussians(Tensor.of(new double[] {0}, 1, 1), Tensor.of(new double[] {1}, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PredictiveMixture.of(List.of(a, b)));
    }

    private static double normal2(double[] y, double[] mu, double v1, double v2) {
        double q = (y[0] - mu[0]) * (y[0] - mu[0]) / v1 + (y[1] - mu[1]) * (y[1] - mu[1]) / v2;
        return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(v1 * v2));
    }
}
