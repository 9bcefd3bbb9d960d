package astrograd.inference.hmc;

import astrograd.tensor.Rng;

/**
 * {@code H(q, p) = −log π(q) + K(p)} for a target and a metric (replaced when adaptation updates it), with the
 * leapfrog integrator
 * <pre>
 *   p ← p + ½ε ∇log π(q);   q ← q + ε M⁻¹ p;   p ← p + ½ε ∇log π(q)
 * </pre>
 * which is symplectic, reversible ({@code ε → −ε} retraces the path) and of energy error {@code O(ε²)}.
 */
final class Hamiltonian {
    private final Target target;
    private final double[] velocity;
    private Metric metric;

    Hamiltonian(Target target, Metric metric) {
        this.target = target;
        this.velocity = new double[target.dim()];
        setMetric(metric);
    }

    Metric metric() {
        return metric;
    }

    void setMetric(Metric m) {
        if (m.dim() != target.dim()) {
            throw new IllegalArgumentException("hmc: metric of dimension " + m.dim() + " for a target of dimension "
                    + target.dim());
        }
        this.metric = m;
    }

    int dim() {
        return target.dim();
    }

    /** Evaluates {@code log π} and its gradient at {@code z.q}. */
    void evaluate(PhasePoint z) {
        z.logDensity = target.logDensityGradient(z.q, z.grad);
    }

    /** Draws {@code z.p ~ N(0, M)}. */
    void sampleMomentum(PhasePoint z, Rng rng) {
        metric.sampleMomentum(rng, z.p);
    }

    /** {@code H(z)}, +∞ where the log-density is −∞ or NaN. */
    double energy(PhasePoint z) {
        double h = -z.logDensity + metric.kineticEnergy(z.p);
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }

    /**
     * {@code H(z)} from the velocity {@code v = M⁻¹ p} already computed: {@code −log p(q) + ½ pᵀv}, the same sum in
     * the same order as {@link Metric#kineticEnergy}, without a second product with {@code M⁻¹}.
     */
    double energy(PhasePoint z, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * z.p[i];
        }
        double h = -z.logDensity + 0.5 * s;
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }

    /** {@code M⁻¹ p} into {@code out}. */
    void velocity(double[] p, double[] out) {
        metric.velocity(p, out);
    }

    /** One leapfrog step of size {@code eps} (negative: backwards in time); one gradient evaluation. */
    void leapfrog(PhasePoint z, double eps) {
        leapfrogToGradient(z, eps);
        evaluate(z);
        leapfrogFromGradient(z, eps);
    }

    /**
     * The first part of a leapfrog step, up to the gradient it needs: {@code p ← p + ½ε ∇log π(q)} and
     * {@code q ← q + ε M⁻¹ p}. The caller evaluates {@code z} at its new q (alone or in a batch of chains), then
     * calls {@link #leapfrogFromGradient}.
     */
    void leapfrogToGradient(PhasePoint z, double eps) {
        int d = z.q.length;
        double half = 0.5 * eps;
        for (int i = 0; i < d; i++) {
            z.p[i] += half * z.grad[i];
        }
        metric.velocity(z.p, velocity);
        for (int i = 0; i < d; i++) {
            z.q[i] += eps * velocity[i];
        }
    }

    /** The last part of a leapfrog step, with the gradient at the new q: {@code p ← p + ½ε ∇log π(q)}. */
    void leapfrogFromGradient(PhasePoint z, double eps) {
        double half = 0.5 * eps;
        for (int i = 0; i < z.p.length; i++) {
            z.p[i] += half * z.grad[i];
        }
    }
}
