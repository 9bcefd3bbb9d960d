package astrograd.inference.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The neural spline flow and the MDN as conditional densities: invertibility, log-det against a finite-difference
 * Jacobian, normalization on a grid, gradient checks in float64, sampling consistent with the log-density.
 */
class ConditionalDensityTest {
    private static NeuralSplineFlow flow(int dim, long seed) {
        return new NeuralSplineFlow(new NeuralSplineFlow.Config(dim, 2, 3, 8, 1, 6, 3.0), DType.F64, new Rng(seed));
    }

    /** Larger weights than the default init so the flow is far from the identity. */
    private static void roughen(NeuralSplineFlow f, Rng rng) {
        roughen(f, rng, 0.5);
    }

    private static void roughen(NeuralSplineFlow f, Rng rng, double scale) {
        for (Parameter p : f.parameters()) {
            p.set(p.value().add(rng.randn(DType.F64, p.value().shape()).mul(scale)));
        }
    }

    @Test
    void flowInverseUndoesForward() {
        NeuralSplineFlow f = flow(3, 1);
        roughen(f, new Rng(2));
        Rng rng = new Rng(3);
        Var theta = Var.constant(rng.randn(DType.F64, 50, 3).mul(1.5));
        Var ctx = Var.constant(rng.randn(DType.F64, 50, 2));
        Var z = f.toBase(theta, ctx).outputs();
        Var back = f.fromBase(z, ctx);
        double[] a = theta.value().toDoubleArray();
        double[] b = back.value().toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-8, "round trip element " + i);
        }
    }

    @Test
    void flowLogDetMatchesFiniteDifferenceJacobian() {
        NeuralSplineFlow f = flow(3, 4);
        roughen(f, new Rng(5));
        Rng rng = new Rng(6);
        int n = 5;
        Tensor theta = rng.randn(DType.F64, n, 3);
        Var ctx = Var.constant(rng.randn(DType.F64, n, 2));
        double[] logDet = f.toBase(Var.constant(theta), ctx).logAbsDet().value().toDoubleArray();
        double eps = 1e-6;
        for (int i = 0; i < n; i++) {
            double[][] jac = new double[3][3];
            for (int j = 0; j < 3; j++) {
                double[] up = theta.toDoubleArray();
                double[] down = theta.toDoubleArray();
                up[i * 3 + j] += eps;
                down[i * 3 + j] -= eps;
                double[] zu = f.toBase(Var.constant(Tensor.of(up, n, 3)), ctx).outputs().value().toDoubleArray();
                double[] zd = f.toBase(Var.constant(Tensor.of(down, n, 3)), ctx).outputs().value().toDoubleArray();
                for (int r = 0; r < 3; r++) {
                    jac[r][j] = (zu[i * 3 + r] - zd[i * 3 + r]) / (2 * eps);
                }
            }
            assertEquals(Math.log(Math.abs(det3(jac))), logDet[i], 1e-5, "log|det J| of row " + i);
        }
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    @Test
    void flowDensityIntegratesToOne() {
        NeuralSplineFlow f = flow(2, 7);
        roughen(f, new Rng(8), 0.2);
        int g = 241;
        double lo = -8;
        double step = 16.0 / (g - 1);
        double[] pts = new double[g * g * 2];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                pts[(i * g + j) * 2] = lo + i * step;
                pts[(i * g + j) * 2 + 1] = lo + j * step;
            }
        }
        Tensor ctx = Tensor.of(new double[] {0.3, -0.8}, 1, 2).expand(g * g, 2).contiguous();
        double[] lp = f.logProb(Var.constant(Tensor.of(pts, g * g, 2)), Var.constant(ctx)).value().toDoubleArray();
        double mass = 0;
        for (double v : lp) {
            mass += Math.exp(v) * step * step;
        }
        assertEquals(1.0, mass, 0.01, "∫ q(θ|x) dθ on [-8, 8]²");
    }

    @Test
    void flowLogProbGradientsPassFloat64Check() {
        NeuralSplineFlow f = flow(2, 9);
        roughen(f, new Rng(10));
        Rng rng = new Rng(11);
        Tensor theta = rng.randn(DType.F64, 4, 2);
        Tensor ctx = rng.randn(DType.F64, 4, 2);
        GradCheck.assertPasses(GradCheck.check(v -> f.logProb(v[0], v[1]), 1e-6, 1e-6, 1e-5, theta, ctx));
        assertParameterGradient(f, theta, ctx);
    }

    /** ⟨∇_p Σ log q, v⟩ against the central difference along a random direction v over all parameters. */
    static void assertParameterGradient(ConditionalDensity d, Tensor theta, Tensor ctx) {
        java.util.List<Parameter> ps = d.module().parameters();
        d.module().zeroGrad();
        d.logProb(Var.constant(theta), Var.constant(ctx)).sum().backward();
        Rng rng = new Rng(99);
        double analytic = 0;
        java.util.List<Tensor> dirs = new java.util.ArrayList<>();
        java.util.List<Tensor> saved = new java.util.ArrayList<>();
        for (Parameter p : ps) {
            Tensor v = rng.randn(DType.F64, p.value().shape());
            dirs.add(v);
            saved.add(p.value());
            analytic += p.grad().mul(v).sum().item();
        }
        double eps = 1e-6;
        double[] side = new double[2];
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < ps.size(); i++) {
                ps.get(i).set(saved.get(i).add(dirs.get(i).mul(s == 0 ? eps : -eps)));
            }
            side[s] = d.logProb(Var.constant(theta), Var.constant(ctx)).sum().value().item();
        }
        for (int i = 0; i < ps.size(); i++) {
            ps.get(i).set(saved.get(i));
        }
        double numeric = (side[0] - side[1]) / (2 * eps);
        assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(numeric), "directional derivative over parameters");
    }

    @Test
    void flowSamplesMatchItsDensity() {
        NeuralSplineFlow f = flow(2, 13);
        roughen(f, new Rng(14), 0.2);
        Tensor ctx = Tensor.of(new double[] {0.5, 0.1}, 2);
        Tensor s = f.sample(20000, ctx, new Rng(15));
        // E_q[∂/∂θ log q] = 0 would need gradients; instead compare the sample mean of θ_0 with a grid integral
        double mean = s.narrow(1, 0, 1).mean().item();
        int g = 201;
        double step = 16.0 / (g - 1);
        double[] pts = new double[g * g * 2];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                pts[(i * g + j) * 2] = -8 + i * step;
                pts[(i * g + j) * 2 + 1] = -8 + j * step;
            }
        }
        Tensor c = ctx.reshape(1, 2).expand(g * g, 2).contiguous();
        double[] lp = f.logProb(Var.constant(Tensor.of(pts, g * g, 2)), Var.constant(c)).value().toDoubleArray();
        double m = 0;
        double second = 0;
        for (int k = 0; k < lp.length; k++) {
            double p = Math.exp(lp[k]) * step * step;
            m += p * pts[2 * k];
            second += p * pts[2 * k] * pts[2 * k];
        }
        double sd = Math.sqrt(second - m * m);
        assertEquals(m, mean, 5 * sd / Math.sqrt(20000) + 0.01, "sample mean of θ_0 vs its density's mean");
    }

    @Test
    void mdnLogProbGradientsAndMixtureAgree() {
        MixtureDensityNetwork mdn = new MixtureDensityNetwork(new MixtureDensityNetwork.Config(2, 3, 3, 6, 2),
                DType.F64, new Rng(16));
        Rng rng = new Rng(17);
        Tensor theta = rng.randn(DType.F64, 4, 2);
        Tensor ctx = rng.randn(DType.F64, 4, 3);
        GradCheck.assertPasses(GradCheck.check(v -> mdn.logProb(v[0], v[1]), 1e-6, 1e-6, 1e-5, theta, ctx));
        assertParameterGradient(mdn, theta, ctx);
        Mog m = mdn.mixtureAt(ctx.narrow(0, 1, 1));
        double[][] t = {{theta.getDouble(1, 0), theta.getDouble(1, 1)}};
        double expected = mdn.logProb(Var.constant(theta), Var.constant(ctx)).value().getDouble(1);
        assertEquals(expected, m.logProb(t)[0], 1e-10, "Mog view of the MDN at one context");
    }

    @Test
    void wrongShapesAreRefused() {
        NeuralSplineFlow f = flow(2, 18);
        assertThrows(ShapeException.class, () -> f.logProb(Var.constant(Tensor.zeros(DType.F64, 3, 3)),
                Var.constant(Tensor.zeros(DType.F64, 3, 2))));
        assertThrows(ShapeException.class, () -> f.sample(5, Tensor.zeros(DType.F64, 2, 2), new Rng(1)));
    }
}
