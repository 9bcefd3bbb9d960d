package astrograd.inference.hmc;

/** A point of phase space: position q, momentum p, and {@code log π(q)} with its gradient (kept with q). */
final class PhasePoint {
    final double[] q;
    final double[] p;
    final double[] grad;
    double logDensity;

    PhasePoint(int dim) {
        q = new double[dim];
        p = new double[dim];
        grad = new double[dim];
    }

    /** Copies every field of {@code o} into this point. */
    void set(PhasePoint o) {
        System.arraycopy(o.q, 0, q, 0, q.length);
        System.arraycopy(o.p, 0, p, 0, p.length);
        System.arraycopy(o.grad, 0, grad, 0, grad.length);
        logDensity = o.logDensity;
    }
}
