package astrograd.inference.sbi.tasks;

import astrograd.autodiff.Var;
import astrograd.inference.Draws;
import astrograd.inference.ensemble.EnsembleSampler;
import astrograd.inference.ensemble.Initializer;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.inference.sbi.Simulator;
import astrograd.inference.sbi.VectorPrior;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * sbibm's SLCP ("simple likelihood, complex posterior"): {@code θ ~ U([−3, 3]⁵)}, {@code m = (θ₁, θ₂)},
 * {@code s₁ = θ₃²}, {@code s₂ = θ₄²}, {@code ρ = tanh θ₅}, {@code Σ = [[s₁², ρ s₁ s₂], [ρ s₁ s₂, s₂²]] + 1e-6·I};
 * x is four i.i.d. draws of {@code N(m, Σ)}, flattened to R⁸.
 *
 * <p>Reference posterior: the engine's affine-invariant ensemble sampler on the exact likelihood
 * ({@link #logLikelihood}), then a random sign flip of θ₃ and θ₄ for each draw — the likelihood depends on them only
 * through their squares, so the four modes have equal mass and the flip makes the mode weights exact even where
 * the walkers do not cross between modes.
 */
public final class Slcp implements Task {
    private static final int DRAWS = 4;

    @Override
    public String name() {
        return "slcp";
    }

    @Override
    public VectorPrior prior() {
        return VectorPrior.box(5, -3, 3);
    }

    @Override
    public int dataDim() {
        return 2 * DRAWS;
    }

    @Override
    public Simulator simulator() {
        return (theta, rng) -> {
            int n = theta.size(0);
            double[] t = theta.to(DType.F64).contiguous().toDoubleArray();
            double[] eps = rng.randn(DType.F64, n, DRAWS, 2).toDoubleArray();
            double[] x = new double[n * 2 * DRAWS];
            for (int i = 0; i < n; i++) {
                double s1 = t[5 * i + 2] * t[5 * i + 2];
                double s2 = t[5 * i + 3] * t[5 * i + 3];
                double rho = Math.tanh(t[5 * i + 4]);
                double a = s1 * s1 + 1e-6;
                double b = rho * s1 * s2;
                double c = s2 * s2 + 1e-6;
                double l00 = Math.sqrt(a);
                double l10 = b / l00;
                double l11 = Math.sqrt(Math.max(c - l10 * l10, 0));
                for (int j = 0; j < DRAWS; j++) {
                    double e0 = eps[(i * DRAWS + j) * 2];
                    double e1 = eps[(i * DRAWS + j) * 2 + 1];
                    x[i * 2 * DRAWS + 2 * j] = t[5 * i] + l00 * e0;
                    x[i * 2 * DRAWS + 2 * j + 1] = t[5 * i + 1] + l10 * e0 + l11 * e1;
                }
            }
            return Tensor.of(x, n, 2 * DRAWS);
        };
    }

    /** {@code log p(x_o | θ)} {@code [W]} for θ {@code [W, 5]}, with Var ops (2×2 inverse in closed form). */
    public static Var logLikelihood(Var theta, double[] xo) {
        Var m0 = theta.narrow(1, 0, 1).squeeze(1);
        Var m1 = theta.narrow(1, 1, 1).squeeze(1);
        Var s1 = theta.narrow(1, 2, 1).squeeze(1).square();
        Var s2 = theta.narrow(1, 3, 1).squeeze(1).square();
        Var rho = theta.narrow(1, 4, 1).squeeze(1).tanh();
        Var a = s1.square().add(1e-6);
        Var b = rho.mul(s1).mul(s2);
        Var c = s2.square().add(1e-6);
        Var det = a.mul(c).sub(b.square());
        Var total = null;
        for (int j = 0; j < DRAWS; j++) {
            Var r0 = m0.neg().add(xo[2 * j]);
            Var r1 = m1.neg().add(xo[2 * j + 1]);
            Var quad = c.mul(r0.square()).sub(b.mul(r0).mul(r1).mul(2)).add(a.mul(r1.square())).div(det);
            Var term = quad.add(det.log()).mul(-0.5).sub(Math.log(2 * Math.PI));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    @Override
    public Tensor referencePosterior(Tensor observation, int n, Rng rng) {
        double[] xo = observation.to(DType.F64).contiguous().toDoubleArray();
        Model.Builder b = Model.builder();
        for (int d = 0; d < 5; d++) {
            b.parameter("theta" + d, Prior.uniform(-3, 3));
        }
        Model model = b.likelihood(theta -> logLikelihood(theta, xo)).build();
        int walkers = 100;
        int burn = 1000;
        int steps = burn + (n + walkers - 1) / walkers * 5;
        EnsembleSampler sampler = EnsembleSampler.builder(model).walkers(walkers).build();
        Draws draws = sampler.run(1, Initializer.prior(), steps, rng.split()).draws(burn).thin(5);
        double[] values = draws.values();
        int have = values.length / 5;
        Tensor pick = rng.permutation(have).narrow(0, 0, Math.min(n, have));
        double[] flips = rng.rand(DType.F64, n, 2).toDoubleArray();
        long[] idx = pick.to(DType.I64).toLongArray();
        double[] out = new double[n * 5];
        for (int i = 0; i < n; i++) {
            int row = (int) idx[i % idx.length];
            System.arraycopy(values, row * 5, out, i * 5, 5);
            out[i * 5 + 2] *= flips[2 * i] < 0.5 ? -1 : 1;
            out[i * 5 + 3] *= flips[2 * i + 1] < 0.5 ? -1 : 1;
        }
        return Tensor.of(out, n, 5);
    }
}
