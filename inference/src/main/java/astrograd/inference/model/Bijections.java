package astrograd.inference.model;

import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;

/** The implementations behind {@link Bijection}'s factories. */
final class Bijections {
    private Bijections() {
    }

    static double checkFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
        return v;
    }

    static final class Identity implements Bijection {
        @Override public Var forward(Var u) { return u; }
        @Override public Var logAbsJacobian(Var u) { return u.mul(0.0); }
        @Override public Tensor inverse(Tensor x) { return x; }
        @Override public double lower() { return Double.NEGATIVE_INFINITY; }
        @Override public double upper() { return Double.POSITIVE_INFINITY; }
        @Override public String toString() { return "identity"; }
        @Override public boolean equals(Object other) { return other instanceof Identity; }
        @Override public int hashCode() { return 1; }
    }

    /** x = a + e^u. */
    static final class Lower implements Bijection {
        private final double a;

        Lower(double a) {
            this.a = checkFinite("lowerBounded: bound", a);
        }

        @Override public Var forward(Var u) { return u.exp().add(a); }
        @Override public Var logAbsJacobian(Var u) { return u; }
        @Override public Tensor inverse(Tensor x) { return x.sub(a).log(); }
        @Override public double lower() { return a; }
        @Override public double upper() { return Double.POSITIVE_INFINITY; }
                @Override
        public boolean equals(Object other) {
            return other instanceof Lower o && Double.compare(a, o.a) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(a);
        }

        @Override public String toString() { return "log(x - " + a + ")"; }
    }

    /** x = b − e^u. */
    static final class Upper implements Bijection {
        private final double b;

        Upper(double b) {
            this.b = checkFinite("upperBounded: bound", b);
        }

        @Override public Var forward(Var u) { return u.exp().neg().add(b); }
        @Override public Var logAbsJacobian(Var u) { return u; }
        @Override public Tensor inverse(Tensor x) { return x.neg().add(b).log(); }
        @Override public double lower() { return Double.NEGATIVE_INFINITY; }
        @Override public double upper() { return b; }
                @Override
        public boolean equals(Object other) {
            return other instanceof Upper o && Double.compare(b, o.b) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(b);
        }

        @Override public String toString() { return "log(" + b + " - x)"; }
    }

    /** x = a + (b − a) σ(u); log|dx/du| = log(b − a) − softplus(u) − softplus(−u). */
    static final class Interval implements Bijection {
        private final double a;
        private final double b;

        Interval(double a, double b) {
            this.a = checkFinite("interval: lower bound", a);
            this.b = checkFinite("interval: upper bound", b);
            if (!(a < b)) {
                throw new IllegalArgumentException("interval: need lower < upper, got " + a + " >= " + b);
            }
        }

        @Override
        public Var forward(Var u) {
            return u.sigmoid().mul(b - a).add(a);
        }

        @Override
        public Var logAbsJacobian(Var u) {
            return u.softplus().add(u.neg().softplus()).neg().add(Math.log(b - a));
        }

        /** u = log(x − a) − log(b − x). */
        @Override
        public Tensor inverse(Tensor x) {
            return x.sub(a).log().sub(x.neg().add(b).log());
        }

        @Override public double lower() { return a; }
        @Override public double upper() { return b; }
                @Override
        public boolean equals(Object other) {
            return other instanceof Interval o && Double.compare(a, o.a) == 0 && Double.compare(b, o.b) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(a, b);
        }

        @Override public String toString() { return "logit on (" + a + ", " + b + ")"; }
    }
}
