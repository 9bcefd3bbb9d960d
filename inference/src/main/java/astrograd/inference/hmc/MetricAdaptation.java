package astrograd.inference.hmc;

/**
 * Metric adaptation over Stan's {@link AdaptationWindows}: the draws of each slow window give the sample variance
 * (diagonal) or covariance (dense) {@code Σ̂} of n draws, regularized towards a small multiple of the identity
 * as Stan does:
 * <pre>
 *   M⁻¹ = n/(n + 5) · Σ̂ + 10⁻³ · 5/(n + 5) · I
 * </pre>
 */
final class MetricAdaptation {
    private final boolean dense;
    private final AdaptationWindows windows;
    private final WelfordEstimator estimator;

    MetricAdaptation(MetricKind kind, int dim, AdaptationWindows windows) {
        if (kind == MetricKind.UNIT) {
            throw new IllegalArgumentException("hmc: the unit metric is not adapted");
        }
        this.dense = kind == MetricKind.DENSE;
        this.windows = windows;
        this.estimator = new WelfordEstimator(dim, dense);
    }

    /**
     * Takes the draw {@code q} of the current warm-up iteration (unconstrained space) and moves to the next
     * iteration. Returns the new metric when this iteration ends a slow window, else null.
     *
     * @throws IllegalStateException when the estimate overflows (draws far out in unconstrained space)
     */
    Metric learn(double[] q) {
        if (windows.inWindow()) {
            estimator.add(q);
        }
        Metric updated = null;
        if (windows.endOfWindow() && estimator.count() >= 2) {
            updated = estimate();
            estimator.restart();
        }
        windows.advance();
        return updated;
    }

    /** The schedule's position, for a checkpoint. */
    long[] windowState() {
        return windows.state();
    }

    /** The running estimate, for a checkpoint. */
    double[] estimatorState() {
        return estimator.state();
    }

    /** Restores {@link #windowState()} and {@link #estimatorState()}. */
    void restore(long[] window, double[] estimate) {
        windows.restore(window);
        estimator.restore(estimate);
    }

    private Metric estimate() {
        double n = estimator.count();
        double shrink = n / (n + 5);
        double ridge = 1e-3 * 5 / (n + 5);
        if (dense) {
            double[][] c = estimator.covariance();
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < c.length; j++) {
                    c[i][j] = shrink * c[i][j] + (i == j ? ridge : 0);
                }
                checkFinite(c[i]);
            }
            return Metric.dense(c);
        }
        double[] v = estimator.variance();
        for (int i = 0; i < v.length; i++) {
            v[i] = shrink * v[i] + ridge;
        }
        checkFinite(v);
        return Metric.diagonal(v);
    }

    private static void checkFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException("hmc: numerical overflow in metric adaptation: the draws reach extreme"
                        + " values in unconstrained space (is the posterior improper or very wide?)");
            }
        }
    }
}
