package astrograd.autodiff;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * Forward and vector-Jacobian product of every elementwise primitive, one entry each. Notation: x, y the
 * inputs, z the output, g the upstream gradient. Broadcast inputs get gradients of the output's shape;
 * the walker sums them back.
 */
final class ElementwiseRules {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private ElementwiseRules() {
    }

    /** d(x+y) = (g, g). */
    static Var add(Var a, Var b) {
        return Var.make("add", a.value().add(b.value()), (g, i) -> g, a, b);
    }

    /** d(x-y) = (g, -g). */
    static Var sub(Var a, Var b) {
        return Var.make("sub", a.value().sub(b.value()), (g, i) -> i == 0 ? g : g.neg(), a, b);
    }

    /** d(xy) = (g y, g x). */
    static Var mul(Var a, Var b) {
        Tensor x = a.value();
        Tensor y = b.value();
        return Var.make("mul", x.mul(y), (g, i) -> i == 0 ? g.mul(y) : g.mul(x), a, b);
    }

    /** d(x/y) = (g / y, -g x / y²). */
    static Var div(Var a, Var b) {
        Tensor x = a.value();
        Tensor y = b.value();
        return Var.make("div", x.div(y), (g, i) -> i == 0 ? g.div(y) : g.mul(x).div(y.square()).neg(), a, b);
    }

    /**
     * d(x^y) = (g y x^(y-1), g z log x), with PyTorch's zeros where the formulas meet 0·∞ at a zero base: the
     * base's gradient is 0 where y = 0 (x⁰ is constant), the exponent's where x = 0 and y ≥ 0.
     */
    static Var pow(Var a, Var b) {
        Tensor x = a.value();
        Tensor y = b.value();
        Tensor z = x.pow(y);
        return Var.make("pow", z, (g, i) -> i == 0 ? zeroWhere(y.eq(0), g.mul(y).mul(x.pow(y.sub(1))))
                : zeroWhere(x.eq(0).and(y.ge(0)), g.mul(z).mul(x.log())), a, b);
    }

    /** t with zeros where mask holds (mask broadcast against t). */
    private static Tensor zeroWhere(Tensor mask, Tensor t) {
        return Tensor.where(mask, Tensor.scalar(0, t.dtype()).to(t.device()), t);
    }

    /**
     * z = atan2(y, x): d = (g x / (x² + y²), -g y / (x² + y²)). At the origin both are 0 / 0 = NaN, as in
     * PyTorch (whose rule is the same formula); the forward value there is ±0 or ±π.
     */
    static Var atan2(Var a, Var b) {
        Tensor y = a.value();
        Tensor x = b.value();
        return Var.make("atan2", y.atan2(x), (g, i) -> {
            Tensor r2 = y.square().add(x.square());
            return i == 0 ? g.mul(x).div(r2) : g.mul(y).div(r2).neg();
        }, a, b);
    }

    /** z = max(x, y): the larger input gets g, ties split it in halves. */
    static Var maximum(Var a, Var b) {
        return extreme("maximum", a, b, a.value().maximum(b.value()));
    }

    static Var minimum(Var a, Var b) {
        return extreme("minimum", a, b, a.value().minimum(b.value()));
    }

    private static Var extreme(String op, Var a, Var b, Tensor z) {
        Tensor x = a.value();
        Tensor y = b.value();
        return Var.make(op, z, (g, i) -> {
            Tensor mine = i == 0 ? x : y;
            Tensor weight = mine.eq(z).to(g.dtype()).mul(x.eq(y).to(g.dtype()).mul(-0.5).add(1));
            return g.mul(weight);
        }, a, b);
    }

    /** d(x + s) = g. */
    static Var addScalar(Var a, double s) {
        return Var.make("add", a.value().add(s), (g, i) -> g, a);
    }

    /** d(s x) = s g. */
    static Var mulScalar(Var a, double s) {
        return Var.make("mul", a.value().mul(s), (g, i) -> g.mul(s), a);
    }

    /** d(x^s) = s x^(s-1) g; 0 for s = 0 (x⁰ is constant: 0 · 0⁻¹ would be NaN at x = 0, PyTorch gives 0). */
    static Var powScalar(Var a, double s) {
        Tensor x = a.value();
        return Var.make("pow", x.pow(s), (g, i) -> s == 0 ? Tensor.zeros(g.dtype(), g.shape()).to(g.device())
                : g.mul(x.pow(s - 1).mul(s)), a);
    }

    static Var neg(Var a) {
        return Var.make("neg", a.value().neg(), (g, i) -> g.neg(), a);
    }

    /** d|x| = g sign(x) (0 at 0). */
    static Var abs(Var a) {
        Tensor x = a.value();
        return Var.make("abs", x.abs(), (g, i) -> g.mul(x.sign()), a);
    }

    /** sign is piecewise constant: its derivative is 0 wherever it exists. */
    static Var sign(Var a) {
        return Var.make("sign", a.value().sign(), (g, i) -> g.mul(0), a);
    }

    /** d e^x = g z. */
    static Var exp(Var a) {
        Tensor z = a.value().exp();
        return Var.make("exp", z, (g, i) -> g.mul(z), a);
    }

    /** d log x = g / x. */
    static Var log(Var a) {
        Tensor x = a.value();
        return Var.make("log", x.log(), (g, i) -> g.div(x), a);
    }

    /** d log(1+x) = g / (1 + x). */
    static Var log1p(Var a) {
        Tensor x = a.value();
        return Var.make("log1p", x.log1p(), (g, i) -> g.div(x.add(1)), a);
    }

    /** d (e^x - 1) = g (z + 1). */
    static Var expm1(Var a) {
        Tensor z = a.value().expm1();
        return Var.make("expm1", z, (g, i) -> g.mul(z.add(1)), a);
    }

    /** d sqrt(x) = g / (2 z). */
    static Var sqrt(Var a) {
        Tensor z = a.value().sqrt();
        return Var.make("sqrt", z, (g, i) -> g.div(z.mul(2)), a);
    }

    /** d x^(-1/2) = -g z³ / 2. */
    static Var rsqrt(Var a) {
        Tensor z = a.value().rsqrt();
        return Var.make("rsqrt", z, (g, i) -> g.mul(z.pow(3)).mul(-0.5), a);
    }

    /** d x² = 2 g x. */
    static Var square(Var a) {
        Tensor x = a.value();
        return Var.make("square", x.square(), (g, i) -> g.mul(x).mul(2), a);
    }

    static Var sin(Var a) {
        Tensor x = a.value();
        return Var.make("sin", x.sin(), (g, i) -> g.mul(x.cos()), a);
    }

    static Var cos(Var a) {
        Tensor x = a.value();
        return Var.make("cos", x.cos(), (g, i) -> g.mul(x.sin()).neg(), a);
    }

    /** d tanh x = g (1 - z²). */
    static Var tanh(Var a) {
        Tensor z = a.value().tanh();
        return Var.make("tanh", z, (g, i) -> g.mul(z.square().neg().add(1)), a);
    }

    /** d σ(x) = g z (1 - z). */
    static Var sigmoid(Var a) {
        Tensor z = a.value().sigmoid();
        return Var.make("sigmoid", z, (g, i) -> g.mul(z.mul(z.neg().add(1))), a);
    }

    /** d relu(x) = g [x &gt; 0]. */
    static Var relu(Var a) {
        Tensor x = a.value();
        return Var.make("relu", x.relu(),
                (g, i) -> Tensor.where(x.gt(0), g, Tensor.scalar(0, g.dtype()).to(g.device())), a);
    }

    /** d softplus(x) = g σ(x). */
    static Var softplus(Var a) {
        Tensor x = a.value();
        return Var.make("softplus", x.softplus(), (g, i) -> g.mul(x.sigmoid()), a);
    }

    /** d erf(x) = g 2/sqrt(π) e^(-x²). */
    static Var erf(Var a) {
        Tensor x = a.value();
        return Var.make("erf", x.erf(), (g, i) -> g.mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI)), a);
    }

    /** d log Γ(x) = g ψ(x). */
    static Var lgamma(Var a) {
        Tensor x = a.value();
        return Var.make("lgamma", x.lgamma(), (g, i) -> g.mul(x.digamma()), a);
    }

    /** d ψ(x) = g ψ₁(x) (trigamma; +inf at the poles 0, -1, -2, ...). */
    static Var digamma(Var a) {
        Tensor x = a.value();
        return Var.make("digamma", x.digamma(), (g, i) -> g.mul(x.trigamma()), a);
    }

    /** Gradient where lo &lt;= x &lt;= hi, zero where clamped. */
    static Var clamp(Var a, double lo, double hi) {
        Tensor x = a.value();
        return Var.make("clamp", x.clamp(lo, hi), (g, i) -> g.mul(x.ge(lo).and(x.le(hi)).to(g.dtype())), a);
    }

    /** d (c ? x : y) = (c ? g : 0, c ? 0 : g). */
    static Var where(Tensor cond, Var a, Var b) {
        Tensor z = Tensor.where(cond, a.value(), b.value());
        return Var.make("where", z, (g, i) -> i == 0 ? g.maskedFill(cond.not().broadcastTo(g.shape()), 0)
                : g.maskedFill(cond.broadcastTo(g.shape()), 0), a, b);
    }

    /** Filled positions get no gradient. */
    static Var maskedFill(Var a, Tensor mask, double value) {
        return Var.make("maskedFill", a.value().maskedFill(mask, value),
                (g, i) -> g.maskedFill(mask, 0), a);
    }

    /** A cast passes the gradient back in the input's dtype; casts to integer types have none. */
    static Var cast(Var a, DType dtype) {
        Tensor z = a.value().to(dtype);
        if (!dtype.isFloating()) {
            return Var.constant(z);
        }
        DType from = a.value().dtype();
        return Var.make("cast", z, (g, i) -> g.to(from), a);
    }
}
