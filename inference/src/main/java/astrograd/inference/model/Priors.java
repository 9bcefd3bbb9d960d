package astrograd.inference.model;

import astrograd.autodiff.Var;
import astrograd.inference.stats.NormalDistribution;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.function.UnaryOperator;

/** The implementations behind {@link Prior}'s factories. */
final class Priors {
    private Priors() {
    }

    static void checkPositive(String op, String what, double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(op + ": " + what + " must be finite and > 0, got " + v);
        }
    }

    static void checkInterval(String op, double a, double b, boolean finite) {
        if (Double.isNaN(a) || Double.isNaN(b) || (finite && !(Double.isFinite(a) && Double.isFinite(b)))) {
            throw new IllegalArgumentException(op + ": bounds must be " + (finite ? "finite" : "numbers")
                    + ", got [" + a + ", " + b + "]");
        }
        if (!(a < b)) {
            throw new IllegalArgumentException(op + ": need lower < upper, got [" + a + ", " + b + "]");
        }
    }

    static final class Uniform extends Prior {
        private final double a;
        private final double b;

        Uniform(double a, double b) {
            super(a, b);
            checkInterval("uniform", a, b, true);
            this.a = a;
            this.b = b;
        }

        @Override
        public Var logDensity(Var x) {
            return restrictToSupport(x, x.mul(0.0).sub(Math.log(b - a)));
        }

        @Override
        public Tensor sample(Rng rng, int n) {
            return rng.uniform(DType.F64, a, b, n);
        }

        @Override
        double[] parameters() {
            return new double[] {a, b};
        }

        @Override public String toString() { return "uniform(" + a + ", " + b + ")"; }
    }

    static final class Normal extends Prior {
        private final double mu;
        private final double sigma;

        Normal(double mu, double sigma) {
            super(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            Bijections.checkFinite("normal: mean", mu);
            checkPositive("normal", "sigma", sigma);
            this.mu = mu;
            this.sigma = sigma;
        }

        @Override
        public Var logDensity(Var x) {
            return x.sub(mu).div(sigma).square().mul(-0.5).sub(Math.log(sigma) + HALF_LOG_2PI);
        }

        @Override
        public Tensor sample(Rng rng, int n) {
            return rng.normal(DType.F64, mu, sigma, n);
        }

        @Override
        double[] parameters() {
            return new double[] {mu, sigma};
        }

        @Override public String toString() { return "normal(" + mu + ", " + sigma + ")"; }
    }

    static final class HalfNormal extends Prior {
        private final double sigma;

        HalfNormal(double sigma) {
            super(0, Double.POSITIVE_INFINITY);
            checkPositive("halfNormal", "sigma", sigma);
            this.sigma = sigma;
        }

        @Override
        public Var logDensity(Var x) {
            Var lp = x.div(sigma).square().mul(-0.5).add(Math.log(2) - Math.log(sigma) - HALF_LOG_2PI);
            return restrictToSupport(x, lp);
        }

        @Override
        public Tensor sample(Rng rng, int n) {
            return rng.normal(DType.F64, 0, sigma, n).abs();
        }

        @Override
        double[] parameters() {
            return new double[] {sigma};
        }

        @Override public String toString() { return "halfNormal(" + sigma + ")"; }
    }

    static final class LogUniform extends Prior {
        private final double a;
        private final double b;

        LogUniform(double a, double b) {
            super(a, b);
            checkInterval("logUniform", a, b, true);
            checkPositive("logUniform", "lower bound", a);
            this.a = a;
            this.b = b;
        }

        @Override
        public Var logDensity(Var x) {
            Var safe = x.clamp(a, b);
            return restrictToSupport(x, safe.log().neg().sub(Math.log(Math.log(b / a))));
        }

        @Override
        public Tensor sample(Rng rng, int n) {
            return rng.uniform(DType.F64, Math.log(a), Math.log(b), n).exp().clamp(a, b);
        }

        @Override
        double[] parameters() {
            return new double[] {a, b};
        }

        @Override public String toString() { return "logUniform(" + a + ", " + b + ")"; }
    }

    /** Normal(μ, σ) on [a, b]: log-normalizer log(Φ(β) − Φ(α)), computed on the tail where it is small. */
    static final class TruncatedNormal extends Prior {
        private final double mu;
        private final double sigma;
        private final double alpha;
        private final double beta;
        private final double logMass;

        TruncatedNormal(double mu, double sigma, double a, double b) {
            super(a, b);
            Bijections.checkFinite("truncatedNormal: mean", mu);
            checkPositive("truncatedNormal", "sigma", sigma);
            checkInterval("truncatedNormal", a, b, false);
            this.mu = mu;
            this.sigma = sigma;
            this.alpha = (a - mu) / sigma;
            this.beta = (b - mu) / sigma;
            this.logMass = Math.log(mass(alpha, beta));
            if (!Double.isFinite(logMass)) {
                throw new IllegalArgumentException("truncatedNormal: [" + a + ", " + b + "] holds no mass of normal("
                        + mu + ", " + sigma + ") in double precision");
            }
        }

        /** Φ(β) − Φ(α), as Φ(−α) − Φ(−β) when the interval lies in the upper tail. */
        static double mass(double alpha, double beta) {
            return alpha > 0 ? NormalDistribution.cdf(-alpha) - NormalDistribution.cdf(-beta)
                    : NormalDistribution.cdf(beta) - NormalDistribution.cdf(alpha);
        }

        @Override
        public Var logDensity(Var x) {
            Var lp = x.sub(mu).div(sigma).square().mul(-0.5).sub(Math.log(sigma) + HALF_LOG_2PI + logMass);
            return restrictToSupport(x, lp);
        }

        /** Inverse-CDF draws, {@code x = μ + σ Φ⁻¹(Φ(α) + u (Φ(β) − Φ(α)))}, mirrored in the upper tail. */
        @Override
        public Tensor sample(Rng rng, int n) {
            double[] u = rng.rand(DType.F64, n).toDoubleArray();
            boolean upperTail = alpha > 0;
            double lo = upperTail ? NormalDistribution.cdf(-beta) : NormalDistribution.cdf(alpha);
            double width = Math.exp(logMass);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double z = NormalDistribution.quantile(Math.min(1, lo + u[i] * width));
                x[i] = Math.min(upper(), Math.max(lower(), mu + sigma * (upperTail ? -z : z)));
            }
            return Tensor.of(x, n);
        }

        @Override
        double[] parameters() {
            return new double[] {mu, sigma, lower(), upper()};
        }

        @Override
        public String toString() {
            return "truncatedNormal(" + mu + ", " + sigma + ", " + lower() + ", " + upper() + ")";
        }
    }

    /** The improper flat prior; {@link Model} skips it. */
    static final class Flat extends Prior {
        static final Flat INSTANCE = new Flat();

        private Flat() {
            super(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        @Override
        public Var logDensity(Var x) {
            return x.mul(0.0);
        }

        @Override
        public Tensor sample(Rng rng, int n) {
            throw new UnsupportedOperationException("the flat prior is improper and has no sampler: give initial values");
        }

        @Override public String toString() { return "flat"; }
    }

    static final class Custom extends Prior {
        private final String name;
        private final UnaryOperator<Var> logDensity;
        private final Prior.Sampler sampler;

        Custom(String name, UnaryOperator<Var> logDensity, double lower, double upper, Prior.Sampler sampler) {
            super(lower, upper);
            checkInterval("custom prior '" + name + "'", lower, upper, false);
            if (logDensity == null) {
                throw new IllegalArgumentException("custom prior '" + name + "': log-density function is null");
            }
            this.name = name;
            this.logDensity = logDensity;
            this.sampler = sampler;
        }

        @Override
        public Var logDensity(Var x) {
            Var lp = logDensity.apply(x);
            if (!java.util.Arrays.equals(lp.value().shape(), x.value().shape())) {
                throw new IllegalArgumentException("custom prior '" + name + "': log-density must keep the shape "
                        + java.util.Arrays.toString(x.value().shape()) + ", got "
                        + java.util.Arrays.toString(lp.value().shape()));
            }
            return restrictToSupport(x, lp);
        }

        @Override
        public Tensor sample(Rng rng, int n) {
            if (sampler == null) {
                throw new UnsupportedOperationException("prior '" + name + "' has no sampler: give initial values");
            }
            return sampler.sample(rng, n);
        }

        @Override public String toString() { return name; }
    }
}
