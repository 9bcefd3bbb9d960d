package astrograd.inference.model;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * A one-dimensional prior: a normalized log-density on its support {@code [lower, upper]} (−∞ outside), the
 * bijection that maps the real line onto that support, and (for all but user-supplied priors) a sampler.
 * Log-densities are written with {@link Var} ops, elementwise on any shape, so they differentiate.
 *
 * <ul>
 *   <li>{@link #uniform}: {@code −log(b − a)} on {@code [a, b]};</li>
 *   <li>{@link #normal}: {@code −½((x − μ)/σ)² − log σ − ½ log 2π};</li>
 *   <li>{@link #halfNormal}: {@code log 2 − ½(x/σ)² − log σ − ½ log 2π} on {@code [0, ∞)};</li>
 *   <li>{@link #logUniform}: {@code −log x − log log(b/a)} on {@code [a, b]}, {@code a > 0};</li>
 *   <li>{@link #truncatedNormal}: the normal's log-density minus {@code log(Φ(β) − Φ(α))},
 *       {@code α = (a − μ)/σ}, {@code β = (b − μ)/σ}, on {@code [a, b]} (either end may be infinite);</li>
 *   <li>{@link #flat()}: the improper {@code 0} on the real line (the likelihood carries everything);</li>
 *   <li>{@link #custom}: any log-density and support given by the user.</li>
 * </ul>
 */
public abstract class Prior {
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final double lower;
    private final double upper;

    Prior(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * The numbers that define a built-in prior with its kind, or null for one equal only to itself (custom priors):
     * priors of one class with equal parameters are equal, and {@link Model} evaluates consecutive equal priors as one
     * block.
     */
    double[] parameters() {
        return null;
    }

    @Override
    public final boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        double[] mine = parameters();
        return mine != null && other != null && other.getClass() == getClass()
                && java.util.Arrays.equals(mine, ((Prior) other).parameters());
    }

    @Override
    public final int hashCode() {
        double[] mine = parameters();
        return mine == null ? System.identityHashCode(this) : 31 * getClass().hashCode() + java.util.Arrays.hashCode(mine);
    }

    /** {@code log p(x)} elementwise: −∞ outside the support. */
    public abstract Var logDensity(Var x);

    /** {@code n} independent draws as an F64 tensor {@code [n]}. */
    public abstract Tensor sample(Rng rng, int n);

    /** The support's lower end (maybe −∞). */
    public final double lower() {
        return lower;
    }

    /** The support's upper end (maybe +∞). */
    public final double upper() {
        return upper;
    }

    /** The bijection from the real line onto the support (see {@link Bijection#forSupport}). */
    public Bijection bijection() {
        return Bijection.forSupport(lower, upper);
    }

    /** {@code log p(x)} of one number. */
    public final double logDensity(double x) {
        return logDensity(Var.constant(Tensor.scalar(x, DType.F64))).value().item();
    }

    /** {@code lp} where {@code lower <= x <= upper}, −∞ elsewhere (and at NaN). */
    final Var restrictToSupport(Var x, Var lp) {
        Tensor v = x.value();
        Tensor inside = v.ge(lower).and(v.le(upper));
        return lp.maskedFill(inside.not(), Double.NEGATIVE_INFINITY);
    }

    // ---------------------------------------------------------------- factories

    /** Uniform on {@code [a, b]}, {@code a < b} finite. */
    public static Prior uniform(double a, double b) {
        return new Priors.Uniform(a, b);
    }

    /** Normal with mean {@code mu} and standard deviation {@code sigma > 0}. */
    public static Prior normal(double mu, double sigma) {
        return new Priors.Normal(mu, sigma);
    }

    /** Half-normal on {@code [0, ∞)} with scale {@code sigma > 0}. */
    public static Prior halfNormal(double sigma) {
        return new Priors.HalfNormal(sigma);
    }

    /** Log-uniform (Jeffreys) on {@code [a, b]}, {@code 0 < a < b} finite. */
    public static Prior logUniform(double a, double b) {
        return new Priors.LogUniform(a, b);
    }

    /** Normal(mu, sigma) truncated to {@code [a, b]}; {@code a = −∞} or {@code b = +∞} allowed. */
    public static Prior truncatedNormal(double mu, double sigma, double a, double b) {
        return new Priors.TruncatedNormal(mu, sigma, a, b);
    }

    /** The improper flat prior on the real line (log-density 0); it cannot be sampled. */
    public static Prior flat() {
        return Priors.Flat.INSTANCE;
    }

    /**
     * A user-supplied prior: {@code logDensity} elementwise with Var ops, on the support {@code [lower, upper]}
     * (outside it the log-density is −∞ whatever the function returns). It cannot be sampled.
     */
    public static Prior custom(String name, UnaryOperator<Var> logDensity, double lower, double upper) {
        return new Priors.Custom(name, logDensity, lower, upper, null);
    }

    /** A user-supplied prior with its own sampler {@code (rng, n) -> [n]}. */
    public static Prior custom(String name, UnaryOperator<Var> logDensity, double lower, double upper,
            Sampler sampler) {
        return new Priors.Custom(name, logDensity, lower, upper, sampler);
    }

    /** Draws for a user-supplied prior. */
    @FunctionalInterface
    public interface Sampler {
        /** {@code n} draws as an F64 tensor {@code [n]}. */
        Tensor sample(Rng rng, int n);
    }
}
