package astrograd.inference.hmc;

/**
 * Nesterov's dual averaging of {@code log ε} towards a target accept statistic δ (Hoffman &amp; Gelman 2014, §3.2,
 * with Stan's constants γ = 0.05, t₀ = 10, κ = 0.75). After the m-th statistic {@code a_m} (capped at 1):
 * <pre>
 *   s̄_m = (1 − 1/(m + t₀)) s̄_{m−1} + (δ − a_m)/(m + t₀)
 *   x_m = μ − s̄_m √m / γ,            ε_m = exp(x_m)
 *   x̄_m = (1 − m^−κ) x̄_{m−1} + m^−κ x_m,   ε_final = exp(x̄_m)
 * </pre>
 * with {@code μ = log(10 ε₀)} set at each {@link #restart}.
 */
final class DualAveraging {
    static final double GAMMA = 0.05;
    static final double T0 = 10;
    static final double KAPPA = 0.75;

    private final double delta;
    private double mu;
    private int counter;
    private double sBar;
    private double xBar;

    DualAveraging(double delta, double initialStepSize) {
        this.delta = delta;
        restart(initialStepSize);
    }

    /** Starts afresh around {@code ε₀}: {@code μ = log(10 ε₀)}, {@code m = s̄ = x̄ = 0}. */
    void restart(double stepSize) {
        mu = Math.log(10 * stepSize);
        counter = 0;
        sBar = 0;
        xBar = 0;
    }

    /** Learns from one accept statistic; returns the next step size {@code exp(x_m)}. */
    double learn(double acceptStat) {
        counter++;
        double a = Math.min(1, acceptStat);
        double eta = 1.0 / (counter + T0);
        sBar = (1 - eta) * sBar + eta * (delta - a);
        double x = mu - sBar * Math.sqrt(counter) / GAMMA;
        double xEta = Math.pow(counter, -KAPPA);
        xBar = (1 - xEta) * xBar + xEta * x;
        return Math.exp(x);
    }

    /** {@code μ, m, s̄, x̄}, for a checkpoint. */
    double[] state() {
        return new double[] {mu, counter, sBar, xBar};
    }

    /** Restores {@link #state()}. */
    void restore(double[] state) {
        mu = state[0];
        counter = (int) state[1];
        sBar = state[2];
        xBar = state[3];
    }

    /** The step size at the end of adaptation, {@code exp(x̄)}. */
    double finalStepSize() {
        return Math.exp(xBar);
    }
}
