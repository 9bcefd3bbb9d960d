package astrograd.inference.sbi.tasks;

import astrograd.inference.sbi.Simulator;
import astrograd.inference.sbi.VectorPrior;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * sbibm's two_moons: {@code θ ~ U([−1, 1]²)}; {@code a ~ U(−π/2, π/2)}, {@code r ~ N(0.1, 0.01²)},
 * {@code p = (r cos a + 0.25, r sin a)}, {@code x = p + (−|θ₁ + θ₂|/√2, (−θ₁ + θ₂)/√2)}.
 *
 * <p>Exact reference posterior (sbibm's {@code _sample_reference_posterior}): draw p as at θ = 0, set
 * {@code z₀ = ±(p₀ − x₀)} with a random sign (rejecting {@code p₀ < x₀}), {@code z₁ = x₁ − p₁}, rotate back
 * {@code θ = ((z₀ − z₁)/√2, (z₀ + z₁)/√2)} and reject θ outside the prior. The map θ ↦ z is a rotation (unit
 * Jacobian) folded in two, so these draws are exact.
 */
public final class TwoMoons implements Task {
    private static final double SQRT2 = Math.sqrt(2);

    @Override
    public String name() {
        return "two_moons";
    }

    @Override
    public VectorPrior prior() {
        return VectorPrior.box(2, -1, 1);
    }

    @Override
    public Simulator simulator() {
        return (theta, rng) -> {
            int n = theta.size(0);
            double[] t = theta.to(DType.F64).contiguous().toDoubleArray();
            double[][] p = crescent(n, rng);
            double[] x = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double z0 = (t[2 * i] + t[2 * i + 1]) / SQRT2;
                double z1 = (-t[2 * i] + t[2 * i + 1]) / SQRT2;
                x[2 * i] = p[0][i] - Math.abs(z0);
                x[2 * i + 1] = p[1][i] + z1;
            }
            return Tensor.of(x, n, 2);
        };
    }

    /** The noise p of n simulations: rows p₀ and p₁. */
    private static double[][] crescent(int n, Rng rng) {
        double[] a = rng.uniform(DType.F64, -Math.PI / 2, Math.PI / 2, n).toDoubleArray();
        double[] r = rng.normal(DType.F64, 0.1, 0.01, n).toDoubleArray();
        double[][] p = new double[2][n];
        for (int i = 0; i < n; i++) {
            p[0][i] = r[i] * Math.cos(a[i]) + 0.25;
            p[1][i] = r[i] * Math.sin(a[i]);
        }
        return p;
    }

    @Override
    public int dataDim() {
        return 2;
    }

    @Override
    public Tensor referencePosterior(Tensor observation, int n, Rng rng) {
        double[] xo = observation.to(DType.F64).contiguous().toDoubleArray();
        double[] out = new double[2 * n];
        int got = 0;
        long tries = 0;
        while (got < n) {
            int batch = Math.max(1000, 2 * (n - got));
            double[][] p = crescent(batch, rng);
            double[] sign = rng.rand(DType.F64, batch).toDoubleArray();
            for (int i = 0; i < batch && got < n; i++) {
                double fold = p[0][i] - xo[0];
                if (fold < 0) {
                    continue;
                }
                double z0 = sign[i] < 0.5 ? fold : -fold;
                double z1 = xo[1] - p[1][i];
                double t0 = (z0 - z1) / SQRT2;
                double t1 = (z0 + z1) / SQRT2;
                if (Math.abs(t0) <= 1 && Math.abs(t1) <= 1) {
                    out[2 * got] = t0;
                    out[2 * got + 1] = t1;
                    got++;
                }
            }
            tries += batch;
            if (got == 0 && tries > 10_000_000L) {
                throw new IllegalArgumentException("two_moons: the observation " + java.util.Arrays.toString(xo)
                        + " has (almost) no posterior mass inside the prior");
            }
        }
        return Tensor.of(out, n, 2);
    }
}
