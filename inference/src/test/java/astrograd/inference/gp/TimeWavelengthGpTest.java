package astrograd.inference.gp;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeWavelengthGpTest {

    /** n points over 60 days in two bands (λ = 0, 1) of a smooth two-band curve with noise σ. */
    static TimeWavelengthGp.Data twoBandData(int n, double sigma, long seed) {
        Rng rng = new Rng(seed);
        double[] t = new double[n];
        double[] l = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60.0 * i / n + 2 * rng.nextDouble();
            l[i] = i % 2;
            y[i] = 2 * Math.exp(-0.5 * Math.pow((t[i] - 25) / 12, 2)) - 0.3 * l[i] + sigma * rng.nextGaussian();
            s[i] = sigma;
        }
        return new TimeWavelengthGp.Data(t, l, y, s);
    }

    @Test
    void logLikelihoodGradientMatchesFiniteDifferencesForBothKernels() {
        TimeWavelengthGp.Data zero = twoBandData(14, 0.05, 1);
        int[] bands = java.util.Arrays.stream(zero.lambda()).mapToInt(v -> (int) v).toArray();
        TimeWavelengthGp.Data grouped = new TimeWavelengthGp.Data(zero.t(), zero.lambda(), zero.y(), zero.sigma(), bands);
        double[] theta = {Math.log(1.5), Math.log(9.0), Math.log(1.3)};
        for (TimeWavelengthGp.Data d : List.of(zero, grouped))
        for (TimeWavelengthGp.TimeKernel k : TimeWavelengthGp.TimeKernel.values()) {
            double[] v = TimeWavelengthGp.logMarginalLikelihoodAndGradient(d, k, theta);
            for (int j = 0; j < 3; j++) {
                double h = 1e-5;
                double[] up = theta.clone();
                double[] dn = theta.clone();
                up[j] += h;
                dn[j] -= h;
                double fd = (TimeWavelengthGp.logMarginalLikelihoodAndGradient(d, k, up)[0]
                        - TimeWavelengthGp.logMarginalLikelihoodAndGradient(d, k, dn)[0]) / (2 * h);
                double rel = Math.abs(fd - v[j + 1]) / Math.max(1e-8, Math.abs(fd));
                assertTrue(rel < 1e-5, k + " θ" + j + ": autodiff " + v[j + 1] + " vs FD " + fd + " (rel " + rel + ")");
            }
        }
    }

    @Test
    void directGradientEqualsTheAutodiffReference() {
        TimeWavelengthGp.Data zero = twoBandData(15, 0.07, 2);
        int[] bands = java.util.Arrays.stream(zero.lambda()).mapToInt(v -> (int) v).toArray();
        TimeWavelengthGp.Data grouped = new TimeWavelengthGp.Data(zero.t(), zero.lambda(), zero.y(), zero.sigma(), bands);
        for (TimeWavelengthGp.Data d : List.of(zero, grouped)) {
            for (TimeWavelengthGp.TimeKernel k : TimeWavelengthGp.TimeKernel.values()) {
                for (double[] theta : new double[][] {{0.2, 2.0, 0.1}, {-1, 3.5, 1.5}, {1.5, 0.5, -1}}) {
                    double[] a = TimeWavelengthGp.logMarginalLikelihoodAndGradient(d, k, theta);
                    double[] b = TimeWavelengthGp.logMarginalLikelihoodAndGradientDirect(d, k, theta);
                    for (int j = 0; j < 4; j++) {
                        assertEquals(a[j], b[j], 1e-9 * Math.max(1, Math.abs(a[j])), k + " component " + j);
                    }
                }
            }
        }
    }

    /** The LML formula by hand for n = 2 (SE kernel): K = [[a+s², c],[c, a+s²]]. */
    @Test
    void logLikelihoodMatchesTheClosedFormForTwoPoints() {
        TimeWavelengthGp.Data d = new TimeWavelengthGp.Data(new double[] {0, 3}, new double[] {0, 1},
                new double[] {1.0, -0.5}, new double[] {0.2, 0.2});
        double a = 2.0;
        double lt = 4.0;
        double ll = 1.5;
        double c = a * Math.exp(-0.5 * 9 / (lt * lt)) * Math.exp(-0.5 / (ll * ll));
        double k11 = a + 0.04;
        double det = k11 * k11 - c * c;
        double quad = (k11 * 1.0 + k11 * 0.25 - 2 * c * 1.0 * -0.5) / det;
        double expected = -0.5 * quad - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
        double[] v = TimeWavelengthGp.logMarginalLikelihoodAndGradient(d,
                TimeWavelengthGp.TimeKernel.SQUARED_EXPONENTIAL, new double[] {Math.log(a), Math.log(lt), Math.log(ll)});
        assertEquals(expected, v[0], 1e-12);
    }

    /** The profiled likelihood equals the zero-mean likelihood of y − Hβ̂, and β̂ maximises it over β. */
    @Test
    void perGroupMeanIsTheGlsOptimum() {
        TimeWavelengthGp.Data d0 = twoBandData(16, 0.05, 4);
        int[] g = java.util.Arrays.stream(d0.lambda()).mapToInt(v -> (int) v).toArray();
        TimeWavelengthGp.Data d = new TimeWavelengthGp.Data(d0.t(), d0.lambda(), d0.y(), d0.sigma(), g);
        double[] theta = {0.3, Math.log(10), 0.2};
        TimeWavelengthGp.TimeKernel k = TimeWavelengthGp.TimeKernel.MATERN_32;
        double[] beta = new TimeWavelengthGp(d, k, theta).meanOffsets();
        double profiled = TimeWavelengthGp.logMarginalLikelihoodAndGradient(d, k, theta)[0];
        java.util.function.DoubleBinaryOperator shifted = (b0, b1) -> {
            double[] y = d0.y().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] -= g[i] == 0 ? b0 : b1;
            }
            return TimeWavelengthGp.logMarginalLikelihoodAndGradient(
                    new TimeWavelengthGp.Data(d0.t(), d0.lambda(), y, d0.sigma()), k, theta)[0];
        };
        assertEquals(shifted.applyAsDouble(beta[0], beta[1]), profiled, 1e-10);
        assertTrue(shifted.applyAsDouble(beta[0] + 0.01, beta[1]) < profiled);
        assertTrue(shifted.applyAsDouble(beta[0], beta[1] - 0.01) < profiled);
        int[] gap = java.util.Arrays.stream(g).map(v -> 2 * v).toArray();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TimeWavelengthGp.Data(d0.t(), d0.lambda(),
                d0.y(), d0.sigma(), gap)).getMessage().contains("mean group 1 has no points"));
    }

    @Test
    void interpolatesExactlyAtTinyNoise() {
        double[] t = {0, 4, 9, 13, 20, 26, 31, 37, 44, 50};
        double[] l = new double[t.length];
        double[] y = new double[t.length];
        double[] s = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            l[i] = i % 3;
            y[i] = Math.sin(t[i] / 7) + 0.2 * l[i];
            s[i] = 1e-10;
        }
        TimeWavelengthGp.Data d = new TimeWavelengthGp.Data(t, l, y, s);
        for (TimeWavelengthGp.TimeKernel k : TimeWavelengthGp.TimeKernel.values()) {
            TimeWavelengthGp gp = new TimeWavelengthGp(d, k, new double[] {0, Math.log(6), Math.log(2)});
            TimeWavelengthGp.Prediction p = gp.predict(t, l);
            assertArrayEquals(y, p.mean(), 1e-6, k.toString());
            for (double sd : p.sd()) {
                assertTrue(sd < 1e-4, k + " sd at a training point " + sd);
            }
        }
    }

    @Test
    void fitRecoversAReasonableTimeScaleAndReportsBounds() {
        TimeWavelengthGp.Data d = twoBandData(40, 0.05, 3);
        GpFitter fitter = new GpFitter(TimeWavelengthGp.TimeKernel.SQUARED_EXPONENTIAL,
                new double[] {-5, Math.log(0.5), Math.log(0.1)}, new double[] {5, Math.log(300), Math.log(20)}, 3, 7);
        GpFitter.Fit fit = fitter.fit(d, new double[] {0, Math.log(10), 0});
        assertEquals(GpFitter.Status.OK, fit.status(), fit.message());
        GpFitter.Fit viaAutodiff = new GpFitter(fitter.kernel(), fitter.lower(), fitter.upper(), 3, 7).useAutodiff(true)
                .fit(d, new double[] {0, Math.log(10), 0});
        assertEquals(fit.logLikelihood(), viaAutodiff.logLikelihood(), 1e-6);
        double lt = Math.exp(fit.theta()[1]);
        assertTrue(lt > 6 && lt < 25, "ℓ_t " + lt);
        assertTrue(Math.exp(fit.theta()[2]) > 1, "bands strongly correlated: ℓ_λ " + Math.exp(fit.theta()[2]));
        double[] start = {0, Math.log(10), 0};
        double lmlStart = TimeWavelengthGp.logMarginalLikelihoodAndGradient(d, fitter.kernel(), start)[0];
        assertTrue(fit.logLikelihood() >= lmlStart);

        GpFitter tight = new GpFitter(TimeWavelengthGp.TimeKernel.SQUARED_EXPONENTIAL,
                new double[] {-5, Math.log(0.5), Math.log(0.1)}, new double[] {5, Math.log(2), Math.log(20)}, 2, 7);
        GpFitter.Fit bounded = tight.fit(d, new double[] {0, 0, 0});
        assertArrayEquals(new int[] {1}, bounded.atBounds(), "ℓ_t pinned at its upper bound");
    }

    @Test
    void fitAllIsDeterministicAndReportsFailures() {
        List<TimeWavelengthGp.Data> data = new ArrayList<>();
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            data.add(twoBandData(12 + 3 * i, 0.05, 10 + i));
            starts.add(new double[] {0, Math.log(10), 0});
        }
        // two identical times and wavelengths with zero noise: K is singular at every θ
        data.add(new TimeWavelengthGp.Data(new double[] {1, 1}, new double[] {0, 0}, new double[] {1, 2},
                new double[] {0, 0}));
        starts.add(new double[] {0, 0, 0});
        GpFitter fitter = new GpFitter(TimeWavelengthGp.TimeKernel.MATERN_32, new double[] {-5, -1, -2},
                new double[] {5, 6, 3}, 2, 5);
        GpFitter.Fit[] a = fitter.fitAll(data, starts);
        GpFitter.Fit[] b = fitter.fitAll(data, starts);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a[i].theta(), b[i].theta(), 0);
            assertTrue(a[i].status() != GpFitter.Status.FAILED);
        }
        assertEquals(GpFitter.Status.FAILED, a[4].status());
        assertNull(a[4].gp());
        assertTrue(a[4].message().contains("no start reached a finite log likelihood"), a[4].message());
    }

    @Test
    void badDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimeWavelengthGp.Data(new double[] {0, Double.NaN},
                new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new TimeWavelengthGp.Data(new double[] {0},
                new double[] {0, 0}, new double[] {1}, new double[] {1}));
        TimeWavelengthGp.Data d = twoBandData(5, 0.1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new TimeWavelengthGp(d, TimeWavelengthGp.TimeKernel.MATERN_32, new double[] {0, 0}));
    }
}
