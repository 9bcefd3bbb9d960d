package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/** {@code M⁻¹ = diag(v)}: {@code pᵢ = zᵢ/√vᵢ}, {@code K(p) = ½ Σ vᵢ pᵢ²}, velocity {@code vᵢ pᵢ}. */
final class DiagonalMetric implements Metric {
    private final double[] inverse;
    private final double[] invSqrt;

    DiagonalMetric(double[] inverse) {
        if (inverse.length == 0) {
            throw new IllegalArgumentException("metric: dimension must be >= 1");
        }
        this.inverse = inverse;
        this.invSqrt = new double[inverse.length];
        for (int i = 0; i < inverse.length; i++) {
            if (!(inverse[i] > 0) || !Double.isFinite(inverse[i])) {
                throw new IllegalArgumentException("metric: inverse metric entry " + i + " must be positive and finite,"
                        + " got " + inverse[i]);
            }
            invSqrt[i] = 1 / Math.sqrt(inverse[i]);
        }
    }

    @Override
    public int dim() {
        return inverse.length;
    }

    @Override
    public void sampleMomentum(Rng rng, double[] p) {
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextGaussian() * invSqrt[i];
        }
    }

    @Override
    public double kineticEnergy(double[] p) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += inverse[i] * p[i] * p[i];
        }
        return 0.5 * s;
    }

    @Override
    public void velocity(double[] p, double[] out) {
        for (int i = 0; i < p.length; i++) {
            out[i] = inverse[i] * p[i];
        }
    }

    @Override
    public double[][] inverseMetric() {
        double[][] m = new double[inverse.length][inverse.length];
        for (int i = 0; i < inverse.length; i++) {
            m[i][i] = inverse[i];
        }
        return m;
    }

    @Override
    public String toString() {
        return "DiagonalMetric(" + inverse.length + ")";
    }
}
