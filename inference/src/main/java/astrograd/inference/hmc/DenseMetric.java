package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/**
 * {@code M⁻¹ = Σ = L Lᵀ} (L lower triangular): {@code p = L⁻ᵀ z} with {@code z ~ N(0, I)} (so {@code Cov p = Σ⁻¹ = M}),
 * {@code K(p) = ½ pᵀ Σ p}, velocity {@code Σ p}.
 */
final class DenseMetric implements Metric {
    private final double[][] inverse;
    private final double[][] lower;

    DenseMetric(double[][] inverse) {
        int d = inverse.length;
        if (d == 0) {
            throw new IllegalArgumentException("metric: dimension must be >= 1");
        }
        this.inverse = new double[d][];
        for (int i = 0; i < d; i++) {
            if (inverse[i].length != d) {
                throw new IllegalArgumentException("metric: inverse metric must be square, row " + i + " has "
                        + inverse[i].length + " entries for " + d + " rows");
            }
            this.inverse[i] = inverse[i].clone();
        }
        this.lower = Cholesky.lower(this.inverse);
    }

    @Override
    public int dim() {
        return inverse.length;
    }

    @Override
    public void sampleMomentum(Rng rng, double[] p) {
        int d = p.length;
        for (int i = 0; i < d; i++) {
            p[i] = rng.nextGaussian();
        }
        Cholesky.solveUpper(lower, p);
    }

    @Override
    public double kineticEnergy(double[] p) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double[] row = inverse[i];
            double r = 0;
            for (int j = 0; j < p.length; j++) {
                r += row[j] * p[j];
            }
            s += p[i] * r;
        }
        return 0.5 * s;
    }

    @Override
    public void velocity(double[] p, double[] out) {
        for (int i = 0; i < p.length; i++) {
            double[] row = inverse[i];
            double r = 0;
            for (int j = 0; j < p.length; j++) {
                r += row[j] * p[j];
            }
            out[i] = r;
        }
    }

    @Override
    public double[][] inverseMetric() {
        double[][] m = new double[inverse.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = inverse[i].clone();
        }
        return m;
    }

    @Override
    public String toString() {
        return "DenseMetric(" + inverse.length + ")";
    }
}
