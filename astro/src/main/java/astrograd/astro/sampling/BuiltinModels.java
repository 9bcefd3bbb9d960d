package astrograd.astro.sampling;

import astrograd.astro.retrieval.ObservedSpectrum;
import astrograd.astro.retrieval.PriorBox;
import astrograd.astro.retrieval.SpectrumLikelihood;
import astrograd.astro.retrieval.SurrogateRetrieval;
import astrograd.astro.retrieval.TransmissionModel;
import astrograd.astro.retrieval.WavelengthBins;
import astrograd.autodiff.Var;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** The built-in posteriors, each written with {@link Var} ops over a batch {@code [W, D]}. */
public final class BuiltinModels {
    /** The names accepted by {@link #of}. */
    public static final List<String> NAMES = List.of("gaussian", "rosenbrock", "funnel", "eight-schools",
            "retrieval");

    /** Rubin's (1981) eight schools: estimated effects and their standard errors. */
    static final double[] SCHOOL_Y = {28, 8, -3, 7, -1, 1, 18, 12};
    static final double[] SCHOOL_SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};

    private BuiltinModels() {
    }

    /**
     * A model by name.
     *
     * @param dim      D for {@code gaussian} (default 5) and {@code funnel} (default 10); 0 for the default; must be 0
     *                 or 2 for {@code rosenbrock} and 0 or 10 for {@code eight-schools}
     * @param rho      the gaussian's neighbour correlation ρ in (−1, 1)
     * @param centered the eight schools' parameterization
     * @throws IllegalArgumentException for an unknown name or an impossible dimension
     */
    public static BuiltinModel of(String name, int dim, double rho, boolean centered) {
        if (dim < 0) {
            throw new IllegalArgumentException("model " + name + ": dimension must be >= 1, got " + dim);
        }
        return switch (name) {
            case "gaussian" -> gaussian(dim == 0 ? 5 : dim, rho);
            case "rosenbrock" -> rosenbrock(fixed(name, dim, 2));
            case "funnel" -> funnel(dim == 0 ? 10 : dim);
            case "eight-schools" -> eightSchools(fixed(name, dim, 10), centered);
            case "retrieval" -> retrieval(fixed(name, dim, 5));
            default -> throw new IllegalArgumentException("unknown model '" + name + "': choose one of " + NAMES);
        };
    }

    private static int fixed(String name, int dim, int only) {
        if (dim != 0 && dim != only) {
            throw new IllegalArgumentException("model " + name + " has " + only + " parameters, not " + dim);
        }
        return only;
    }

    /**
     * A D-dimensional correlated Gaussian with mean 0 and {@code Σᵢⱼ = sᵢ sⱼ ρ^|i−j|}, scales {@code sᵢ}
     * log-spaced from 1 to 10: {@code log p = −½ θᵀ P θ} with the exact precision
     * {@code P = S⁻¹ C⁻¹ S⁻¹}, {@code C⁻¹} tridiagonal: diagonal {@code (1, 1 + ρ², …, 1 + ρ², 1)/(1 − ρ²)}, off the
     * diagonal {@code −ρ/(1 − ρ²)}.
     */
    public static BuiltinModel gaussian(int d, double rho) {
        if (d < 1) {
            throw new IllegalArgumentException("model gaussian: dimension must be >= 1, got " + d);
        }
        if (!(rho > -1 && rho < 1)) {
            throw new IllegalArgumentException("model gaussian: correlation must be in (-1, 1), got " + rho);
        }
        double[] s = gaussianScales(d);
        double[] p = new double[d * d];
        double k = 1 / (1 - rho * rho);
        for (int i = 0; i < d; i++) {
            boolean end = i == 0 || i == d - 1;
            p[i * d + i] = (d == 1 ? 1 - rho * rho : end ? 1 : 1 + rho * rho) * k / (s[i] * s[i]);
            if (i + 1 < d) {
                p[i * d + i + 1] = -rho * k / (s[i] * s[i + 1]);
                p[(i + 1) * d + i] = p[i * d + i + 1];
            }
        }
        Var precision = Var.constant(Tensor.of(p, d, d));
        Model m = Model.of(theta -> theta.matmul(precision).mul(theta).sum(new int[] {1}, false).mul(-0.5), d);
        double[] scale = new double[d];
        Arrays.fill(scale, 1);
        return new BuiltinModel("gaussian", d + "-D Gaussian, scales 1..10, neighbour correlation " + rho, m,
                new double[d], scale, new double[d]);
    }

    /** The gaussian's scales {@code sᵢ = 10^{i/(D−1)}} (1 for D = 1). */
    public static double[] gaussianScales(int d) {
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = d == 1 ? 1 : Math.pow(10, i / (d - 1.0));
        }
        return s;
    }

    /** The Rosenbrock banana as in emcee's example: {@code log p = −(100 (y − x²)² + (1 − x)²)/20}, mode (1, 1). */
    public static BuiltinModel rosenbrock(int d) {
        Model m = Model.of(theta -> {
            Var x = theta.select(1, 0);
            Var y = theta.select(1, 1);
            return y.sub(x.square()).square().mul(100).add(x.neg().add(1).square()).mul(-1.0 / 20);
        }, "x", "y");
        return new BuiltinModel("rosenbrock", "Rosenbrock banana -(100 (y - x^2)^2 + (1 - x)^2)/20", m,
                new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 1});
    }

    /**
     * Neal's (2003) funnel: {@code v ~ N(0, 3²)}, {@code xᵢ ~ N(0, e^v)} for i = 1..D−1, so
     * {@code log p = −v²/18 − Σᵢ (xᵢ² e^{−v}/2 + v/2)}.
     */
    public static BuiltinModel funnel(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("model funnel: dimension must be >= 2, got " + d);
        }
        String[] names = new String[d];
        names[0] = "v";
        for (int i = 1; i < d; i++) {
            names[i] = "x" + i;
        }
        Model m = Model.of(theta -> {
            int w = theta.value().size(0);
            Var v = theta.select(1, 0);
            Var x = theta.narrow(1, 1, d - 1);
            Var inner = x.square().mul(v.neg().exp().reshape(w, 1)).sum(new int[] {1}, false).mul(-0.5);
            return v.square().mul(-1.0 / 18).add(inner).sub(v.mul(0.5 * (d - 1)));
        }, names);
        double[] scale = new double[d];
        Arrays.fill(scale, 1);
        return new BuiltinModel("funnel", "Neal's funnel in " + d + " dimensions", m, new double[d], scale,
                new double[d]);
    }

    /**
     * The eight schools (Rubin 1981; Gelman et al., BDA3 §5.5), with {@code μ ~ N(0, 5)}, {@code τ ~ Cauchy⁺(0, 5)}
     * and {@code yⱼ ~ N(θⱼ, σⱼ)}. Centered: parameters μ, τ, θ₁..θ₈ with {@code θⱼ ~ N(μ, τ)}. Non-centered:
     * μ, τ, η₁..η₈ with {@code ηⱼ ~ N(0, 1)} and {@code θⱼ = μ + τ ηⱼ}.
     */
    public static BuiltinModel eightSchools(int d, boolean centered) {
        Model.Builder b = Model.builder().parameter("mu", Prior.normal(0, 5)).parameter("tau", halfCauchy(5));
        for (int j = 1; j <= 8; j++) {
            b.parameter((centered ? "theta" : "eta") + j, centered ? Prior.flat() : Prior.normal(0, 1));
        }
        Var y = Var.constant(Tensor.of(SCHOOL_Y, 1, 8));
        Var sigma = Var.constant(Tensor.of(SCHOOL_SIGMA, 1, 8));
        b.likelihood(theta -> {
            int w = theta.value().size(0);
            Var mu = theta.select(1, 0).reshape(w, 1);
            Var tau = theta.select(1, 1).reshape(w, 1);
            Var rest = theta.narrow(1, 2, 8);
            Var schools = centered ? rest : mu.add(tau.mul(rest));
            Var data = y.sub(schools).div(sigma).square().sum(new int[] {1}, false).mul(-0.5);
            if (!centered) {
                return data;
            }
            Var z = rest.sub(mu).div(tau);
            return data.add(z.square().sum(new int[] {1}, false).mul(-0.5)).sub(tau.reshape(w).log().mul(8));
        });
        double[] center = new double[10];
        center[1] = Math.log(3);
        double[] scale = new double[10];
        Arrays.fill(scale, 1);
        if (centered) {
            for (int j = 0; j < 8; j++) {
                center[2 + j] = 5;
                scale[2 + j] = 5;
            }
        }
        return new BuiltinModel("eight-schools", "eight schools, " + (centered ? "centered" : "non-centered"),
                b.build(), center, scale, null);
    }

    /**
     * The transmission-spectrum retrieval of a synthetic observation: {@link TransmissionModel} (synthetic line lists)
     * over 13 equal bins from 0.838 to 1.666 µm at {@link SurrogateRetrieval#SYNTHETIC_TRUTH}, noise 0.005 % per bin
     * (seed 18), χ² likelihood and HELA's uniform box priors ({@link PriorBox#hela()}). It has no gradient: sample it
     * with the ensemble sampler or DEMC.
     */
    public static BuiltinModel retrieval(int d) {
        TransmissionModel tm = TransmissionModel.standard(WavelengthBins.uniform(0.838, 1.666, 13));
        double[] errors = new double[13];
        Arrays.fill(errors, 0.005);
        double[] truth = SurrogateRetrieval.SYNTHETIC_TRUTH.clone();
        ObservedSpectrum obs = ObservedSpectrum.synthetic(tm, truth, errors, 18);
        Model m = SpectrumLikelihood.model(obs, PriorBox.hela(), tm::spectrum);
        double[] scale = new double[d];
        Arrays.fill(scale, 1);
        return new BuiltinModel("retrieval", "isothermal transmission spectrum (synthetic lines), synthetic "
                + "observation, HELA box priors; gradient-free samplers only", m, new double[d], scale, truth);
    }

    /** Whether the model's log-density has a gradient (NUTS and HMC need one). */
    public static boolean differentiable(String name) {
        return !name.equals("retrieval");
    }

    /** The half-Cauchy {@code log p(x) = log(2/(π s)) − log(1 + (x/s)²)} on [0, ∞), sampled as {@code s |tan(π(u − ½))|}. */
    static Prior halfCauchy(double s) {
        double norm = Math.log(2 / (Math.PI * s));
        return Prior.custom("halfCauchy(" + s + ")", x -> x.div(s).square().add(1).log().neg().add(norm), 0,
                Double.POSITIVE_INFINITY, (rng, n) -> {
                    double[] u = rng.rand(DType.F64, n).toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        u[i] = s * Math.abs(Math.tan(Math.PI * (u[i] - 0.5)));
                    }
                    return Tensor.of(u);
                });
    }
}
