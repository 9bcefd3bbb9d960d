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

    /** The real line itself. A record: bijections with equal bounds are equal (Model evaluates them as one block). */
    record Identity() implements Bijection {
        @Override public Var forward(Var u) { return u; }
        @Override public Var logAbsJacobian(Var u) { return u.mul(0.0); }
        @Override public Tensor inverse(Tensor x) { return x; }
        @Override public double lower() { return Double.NEGATIVE_INFINITY; }
        @Override public double upper() { return Double.POSITIVE_INFINITY; }
        @Override public String toString() { return "identity"; }
    }

    /** x = a + e^u. */
    record Lower(double a) implements Bijection {
        Lower {
            checkFinite("lowerBounded: bound", a);
        }

        @Override public Var forward(Var u) { return u.exp().add(a); }
        @Override public Var logAbsJacobian(Var u) { return u; }
        @Override public Tensor inverse(Tensor x) { return x.sub(a).log(); }
        @Override public double lower() { return a; }
        @Override public double upper() { return Double.POSITIVE_INFINITY; }
        @Override public String toString() { return "log(x - " + a + ")"; }
    }

    /** x = b − e^u. */
    record Upper(double b) implements Bijection {
        Upper {
            checkFinite("upperBounded: bound", b);
        }

        @Override public Var forward(Var u) { return u.exp().neg().add(b); }
        @Override public Var logAbsJacobian(Var u) { return u; }
        @Override public Tensor inverse(Tensor x) { return x.neg().add(b).log(); }
        @Override public double lower() { return Double.NEGATIVE_INFINITY; }
        @Override public double upper() { return b; }
        @Override public String toString() { return "log(" + b + " - x)"; }
    }

    /** x = a + (b − a) σ(u); log|dx/du| = log(b − a) − softplus(u) − softplus(−u). */
    record Interval(double a, double b) implements Bijection {
        Interval {
            checkFinite("interval: lower bound", a);
            checkFinite("interval: upper bound", b);
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
        @Override public String toString() { return "logit on (" + a + ", " + b + ")"; }
    }
}
