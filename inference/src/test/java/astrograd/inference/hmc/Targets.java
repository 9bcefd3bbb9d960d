package astrograd.inference.hmc;

import astrograd.autodiff.Var;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/** Test posteriors written with Var ops. */
final class Targets {
    private Targets() {
    }

    /** Independent Gaussian with standard deviations {@code scales}: {@code −½ Σ (xᵢ/sᵢ)²}. */
    static Model independentGaussian(double[] scales) {
        double[] inv = new double[scales.length];
        for (int i = 0; i < scales.length; i++) {
            inv[i] = 1 / scales[i];
        }
        Var w = Var.constant(Tensor.of(inv, 1, inv.length));
        return Model.of(theta -> theta.mul(w).square().sum(new int[] {1}, false).mul(-0.5), scales.length);
    }

    /** {@code n} scales log-spaced from {@code lo} to {@code hi}. */
    static double[] logSpaced(double lo, double hi, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
        }
        return s;
    }

    /** Zero-mean Gaussian with precision {@code P = Σ⁻¹}: {@code −½ xᵀ P x}. */
    static Model gaussianWithPrecision(double[][] precision) {
        int d = precision.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(precision[i], 0, flat, i * d, d);
        }
        Var p = Var.constant(Tensor.of(flat, d, d));
        return Model.of(theta -> theta.matmul(p).mul(theta).sum(new int[] {1}, false).mul(-0.5), d);
    }

    /**
     * Neal's funnel, centered: {@code v ~ N(0, 3²)}, {@code xᵢ | v ~ N(0, e^v)} for i = 1..k (parameters v, x1..xk).
     */
    static Model funnel(int k) {
        String[] names = new String[k + 1];
        names[0] = "v";
        for (int i = 1; i <= k; i++) {
            names[i] = "x" + i;
        }
        return Model.of(theta -> {
            Var v = theta.select(1, 0);
            Var x = theta.narrow(1, 1, k);
            Var lv = v.square().mul(-0.5 / 9);
            // log N(x | 0, e^{v/2}) summed: −½ Σ x² e^{−v} − k v/2
            Var lx = x.square().sum(new int[] {1}, false).mul(v.neg().exp()).mul(-0.5).sub(v.mul(0.5 * k));
            return lv.add(lx);
        }, names);
    }

    /** The eight schools data (Rubin 1981; posteriordb's eight_schools.json). */
    static final double[] SCHOOL_Y = {28, 8, -3, 7, -1, 1, 18, 12};
    static final double[] SCHOOL_SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};

    /**
     * Eight schools, non-centered as posteriordb's {@code eight_schools_noncentered.stan}: {@code θ̃ⱼ ~ N(0, 1)},
     * {@code μ ~ N(0, 5)}, {@code τ ~ half-Cauchy(0, 5)}, {@code yⱼ ~ N(μ + τ θ̃ⱼ, σⱼ)}; parameters
     * {@code theta_trans[1..8], mu, tau} (τ through log). The normal priors of θ̃ and μ are written in the
     * likelihood as one vector op (flat priors in the model), which evaluates faster than ten scalar priors.
     */
    static Model eightSchoolsNonCentered() {
        Model.Builder b = Model.builder();
        for (int j = 1; j <= 8; j++) {
            b.parameter("theta_trans[" + j + "]", Prior.flat());
        }
        b.parameter("mu", Prior.flat());
        b.parameter("tau", halfCauchy(5));
        Var y = Var.constant(Tensor.of(SCHOOL_Y.clone(), 1, 8));
        Var invSigma = Var.constant(Tensor.of(inverse(SCHOOL_SIGMA), 1, 8));
        double[] priorScale = {1, 1, 1, 1, 1, 1, 1, 1, 0.2};
        Var invPriorScale = Var.constant(Tensor.of(priorScale, 1, 9));
        return b.likelihood(theta -> {
            Var tt = theta.narrow(1, 0, 8);
            Var mu = theta.narrow(1, 8, 1);
            Var tau = theta.narrow(1, 9, 1);
            Var priors = theta.narrow(1, 0, 9).mul(invPriorScale).square().sum(new int[] {1}, false).mul(-0.5);
            Var resid = mu.add(tau.mul(tt)).sub(y).mul(invSigma);
            return resid.square().sum(new int[] {1}, false).mul(-0.5).add(priors);
        }).build();
    }

    /** Half-Cauchy on {@code [0, ∞)}: {@code log(2/(πs)) − log(1 + (x/s)²)}. */
    static Prior halfCauchy(double s) {
        return Prior.custom("half-cauchy(0, " + s + ")",
                t -> t.div(s).square().add(1).log().neg().add(Math.log(2 / (Math.PI * s))), 0,
                Double.POSITIVE_INFINITY);
    }

    /** Eight schools, centered: {@code θⱼ ~ N(μ, τ)} directly (parameters theta[1..8], mu, tau). */
    static Model eightSchoolsCentered() {
        Model.Builder b = Model.builder();
        for (int j = 1; j <= 8; j++) {
            b.parameter("theta[" + j + "]", Prior.flat());
        }
        b.parameter("mu", Prior.normal(0, 5));
        b.parameter("tau", halfCauchy(5));
        Var y = Var.constant(Tensor.of(SCHOOL_Y.clone(), 1, 8));
        Var invSigma = Var.constant(Tensor.of(inverse(SCHOOL_SIGMA), 1, 8));
        return b.likelihood(theta -> {
            Var th = theta.narrow(1, 0, 8);
            Var mu = theta.narrow(1, 8, 1);
            Var tau = theta.narrow(1, 9, 1);
            Var prior = th.sub(mu).div(tau).square().sum(new int[] {1}, false).mul(-0.5)
                    .sub(tau.log().squeeze(1).mul(8));
            Var lik = th.sub(y).mul(invSigma).square().sum(new int[] {1}, false).mul(-0.5);
            return prior.add(lik);
        }).build();
    }

    private static double[] inverse(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = 1 / a[i];
        }
        return out;
    }

    static Tensor row(double... v) {
        return Tensor.of(v, 1, v.length).to(DType.F64);
    }
}
