package astrograd.inference.uq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.layers.train.DeepEnsemble;
import astrograd.tensor.DType;
import astrograd.tensor.Linalg;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A linear-Gaussian inverse problem with a known posterior (spec §2(d).3, reduced for CI): θ ~ N(0, I₅),
 * x = Aθ + ε, A 13×5 random, ε ~ N(0, σ²I). The posterior is N(Σ* Aᵀx/σ², Σ*), Σ* = (I + AᵀA/σ²)⁻¹. A five-member
 * deep ensemble of precision-Cholesky networks must recover Σ* and cover the truths; without the between-member
 * term (plan-net's reference code) the coverage falls.
 */
class LinearGaussianPosteriorTest {
    private static final int D = 5;
    private static final int F = 13;
    private static final double SIGMA = 1.5;
    private static final int TRAIN = 3000;
    private static final int VAL = 500;
    private static final int TEST = 1000;

    private static Tensor a;
    private static double[][] exactCov;
    private static PredictiveMixture mixture;
    private static Tensor thetaTest;
    private static Tensor xTest;

    @BeforeAll
    static void trainEnsemble() {
        Rng rng = new Rng(1305);
        a = rng.randn(DType.F64, F, D);
        Tensor ata = a.transpose(0, 1).matmul(a).div(SIGMA * SIGMA).add(Tensor.eye(D, DType.F64));
        Tensor cov = Linalg.choleskySolve(Linalg.cholesky(ata), Tensor.eye(D, DType.F64));
        exactCov = new double[D][D];
        double[] c = cov.toDoubleArray();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                exactCov[i][j] = c[i * D + j];
            }
        }
        Tensor[] train = simulate(rng.split(), TRAIN);
        Tensor[] val = simulate(rng.split(), VAL);
        Tensor[] test = simulate(rng.split(), TEST);
        thetaTest = test[1];
        xTest = test[0].to(DType.F64);
        GaussianMlp.Config config = GaussianMlp.Config.of(F, new int[] {32, 32}, D, GaussianMlp.Kind.PLAIN, TRAIN);
        DeepEnsemble<GaussianMlp> ensemble = GaussianTraining.ensemble(5, config, DType.F32,
                new GaussianTraining.Data(train[0], train[1], val[0], val[1]),
                new GaussianTraining.Settings(40, 64, 2e-3, 8), rng.split(), i -> List.of());
        mixture = Predictive.mixture(GaussianTraining.predictors(ensemble.members()), test[0].to(DType.F32), 1);
    }

    /** {x [n, 13] (F32), θ [n, 5] (F32)}. */
    private static Tensor[] simulate(Rng rng, int n) {
        Tensor theta = rng.randn(DType.F64, n, D);
        Tensor x = theta.matmul(a.transpose(0, 1)).add(rng.normal(DType.F64, 0, SIGMA, n, F));
        return new Tensor[] {x.to(DType.F32), theta.to(DType.F32)};
    }

    @Test
    void stdRatiosAndCovarianceMatchTheExactPosterior() {
        double[] cov = mixture.covariance().toDoubleArray();
        double norm = 0;
        for (double[] row : exactCov) {
            for (double v : row) {
                norm += v * v;
            }
        }
        double[] ratio = new double[D];
        double frobenius = 0;
        for (int r = 0; r < TEST; r++) {
            double diff = 0;
            for (int i = 0; i < D; i++) {
                ratio[i] += Math.sqrt(cov[(r * D + i) * D + i] / exactCov[i][i]) / TEST;
                for (int j = 0; j < D; j++) {
                    double e = cov[(r * D + i) * D + j] - exactCov[i][j];
                    diff += e * e;
                }
            }
            frobenius += Math.sqrt(diff / norm) / TEST;
        }
        System.out.printf(Locale.ROOT, "linear-Gaussian: std ratio per parameter %s, mean relative Frobenius error %.3f%n",
                java.util.Arrays.toString(round(ratio)), frobenius);
        for (int i = 0; i < D; i++) {
            assertTrue(ratio[i] >= 0.8 && ratio[i] <= 1.25, "std ratio of parameter " + i + ": " + ratio[i]);
        }
        assertTrue(frobenius < 0.25, "relative Frobenius error " + frobenius);
    }

    @Test
    void totalCovarianceCoversAndTheReferenceShortcutCoversLess() {
        double[] total = coverage(mixture);
        double[] without = coverage(mixture.withoutEpistemic());
        System.out.printf(Locale.ROOT, "linear-Gaussian coverage 68/95 %%: with between-member term %.1f / %.1f, "
                + "without (reference code) %.1f / %.1f%n", 100 * total[0], 100 * total[1], 100 * without[0],
                100 * without[1]);
        assertEquals(0.68, total[0], 0.05);
        assertEquals(0.95, total[1], 0.05);
        assertTrue(without[0] + without[1] < total[0] + total[1], "coverage without the epistemic term "
                + without[0] + ", " + without[1] + " is not below " + total[0] + ", " + total[1]);
    }

    @Test
    void mixtureNllIsCloseToTheExactPosteriorNll() {
        double[] log = mixture.logDensity(thetaTest.to(DType.F64));
        double model = -java.util.Arrays.stream(log).average().orElseThrow();
        double exact = exactNll();
        System.out.printf(Locale.ROOT, "linear-Gaussian mean NLL: mixture %.4f, exact posterior %.4f%n", model, exact);
        assertEquals(exact, model, 0.2);
    }

    /** Mean NLL of the truths under the exact posterior N(Σ* Aᵀx/σ², Σ*). */
    private static double exactNll() {
        Tensor cov = Tensor.of(flatten(exactCov), D, D);
        Tensor mean = xTest.matmul(a).div(SIGMA * SIGMA).matmul(cov);
        Gaussians exact = new Gaussians(mean, cov.unsqueeze(0).expand(TEST, D, D).contiguous());
        double[] log = PredictiveMixture.of(List.of(exact)).logDensity(thetaTest.to(DType.F64));
        return -java.util.Arrays.stream(log).average().orElseThrow();
    }

    private static double[] coverage(PredictiveMixture m) {
        PredictiveMixture g = m.momentMatched();
        double[] cover = new double[2];
        for (int k = 0; k < D; k++) {
            double[] mu = Calibration.column(g.mean(), k);
            double[] sd = Calibration.column(g.std(), k);
            double[] y = Calibration.column(thetaTest.to(DType.F64), k);
            cover[0] += Calibration.coverage(mu, sd, y, 0.68) / D;
            cover[1] += Calibration.coverage(mu, sd, y, 0.95) / D;
        }
        return cover;
    }

    private static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m.length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m.length, m.length);
        }
        return out;
    }

    private static double[] round(double[] v) {
        return java.util.Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray();
    }
}
