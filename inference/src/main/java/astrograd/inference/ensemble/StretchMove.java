package astrograd.inference.ensemble;

import astrograd.tensor.Rng;

/**
 * Goodman and Weare's stretch move: for active walker {@code xₖ} pick {@code xⱼ} uniformly from the complement,
 * draw {@code z = ((a − 1)u + 1)²/a} ({@code u ~ U(0,1)}, so {@code g(z) ∝ 1/√z} on {@code [1/a, a]}) and propose
 * {@code y = xⱼ + z (xₖ − xⱼ)} with log factor {@code (D − 1) log z}.
 */
final class StretchMove implements Move {
    private final double a;

    StretchMove(double a) {
        if (!(a > 1 && Double.isFinite(a))) {
            throw new IllegalArgumentException("stretch move: scale a must be finite and > 1, got " + a);
        }
        this.a = a;
    }

    @Override
    public Proposal propose(double[][] active, double[][] complement, Rng rng) {
        int n = active.length;
        int d = active[0].length;
        double[][] y = new double[n][d];
        double[] logFactor = new double[n];
        for (int k = 0; k < n; k++) {
            double u = rng.nextDouble();
            double z = Math.pow((a - 1) * u + 1, 2) / a;
            double[] xj = complement[rng.nextInt(complement.length)];
            for (int i = 0; i < d; i++) {
                y[k][i] = xj[i] + z * (active[k][i] - xj[i]);
            }
            logFactor[k] = (d - 1) * Math.log(z);
        }
        return new Proposal(y, logFactor);
    }

    @Override
    public String toString() {
        return "stretch(a=" + a + ")";
    }
}
