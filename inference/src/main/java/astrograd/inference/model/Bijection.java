package astrograd.inference.model;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * A smooth one-to-one map {@code x = f(u)} from the real line (unconstrained space) onto a parameter's support,
 * with {@code log |f'(u)|}: a density {@code p(x)} becomes {@code p(f(u)) |f'(u)|} in {@code u}. Elementwise on
 * any shape.
 *
 * <ul>
 *   <li>{@link #identity()}: {@code x = u}, log-Jacobian 0;</li>
 *   <li>{@link #lowerBounded(double)}: {@code x = a + eᵘ}, log-Jacobian {@code u};</li>
 *   <li>{@link #upperBounded(double)}: {@code x = b − eᵘ}, log-Jacobian {@code u};</li>
 *   <li>{@link #interval(double, double)}: {@code x = a + (b − a) σ(u)}, log-Jacobian
 *       {@code log(b − a) − softplus(u) − softplus(−u)} (that is {@code log(b − a) + log σ(u) + log(1 − σ(u))}).</li>
 * </ul>
 */
public interface Bijection {

    /** {@code x = f(u)}, differentiable. */
    Var forward(Var u);

    /** {@code log |f'(u)|}, differentiable, of the shape of {@code u}. */
    Var logAbsJacobian(Var u);

    /** {@code u = f⁻¹(x)} for x in the support (F64). */
    Tensor inverse(Tensor x);

    /** The support's lower end (maybe −∞). */
    double lower();

    /** The support's upper end (maybe +∞). */
    double upper();

    /** {@code f(u)} of one number. */
    default double forward(double u) {
        return forward(Var.constant(Tensor.scalar(u, DType.F64))).value().item();
    }

    /** {@code f⁻¹(x)} of one number. */
    default double inverse(double x) {
        return inverse(Tensor.scalar(x, DType.F64)).item();
    }

    /** The identity on the real line. */
    static Bijection identity() {
        return new Bijections.Identity();
    }

    /** {@code x = a + eᵘ} onto {@code (a, ∞)}. */
    static Bijection lowerBounded(double a) {
        return new Bijections.Lower(a);
    }

    /** {@code x = eᵘ} onto {@code (0, ∞)}. */
    static Bijection positive() {
        return new Bijections.Lower(0);
    }

    /** {@code x = b − eᵘ} onto {@code (−∞, b)}. */
    static Bijection upperBounded(double b) {
        return new Bijections.Upper(b);
    }

    /** {@code x = a + (b − a) σ(u)} onto {@code (a, b)}. */
    static Bijection interval(double a, double b) {
        return new Bijections.Interval(a, b);
    }

    /** The natural bijection onto {@code (lo, hi)}: identity, lower-, upper-bounded or interval by which ends are finite. */
    static Bijection forSupport(double lo, double hi) {
        boolean finiteLo = lo != Double.NEGATIVE_INFINITY;
        boolean finiteHi = hi != Double.POSITIVE_INFINITY;
        if (finiteLo && finiteHi) {
            return interval(lo, hi);
        }
        if (finiteLo) {
            return lowerBounded(lo);
        }
        return finiteHi ? upperBounded(hi) : identity();
    }
}
