package astrograd.layers.optim;

import astrograd.layers.Parameter;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with optional AMSGrad, exactly as PyTorch's {@code torch.optim.Adam} and
 * {@code torch.optim.AdamW}. At step t with gradient g:
 *
 * <pre>
 * g = g + λ θ                  (Adam: weight decay as an L2 term)
 * θ = θ (1 − lr λ)             (AdamW: decoupled weight decay, before the moments)
 * m = β1 m + (1 − β1) g
 * v = β2 v + (1 − β2) g²
 * v̂ = max(v̂, v) with AMSGrad, else v
 * θ = θ − lr / (1 − β1ᵗ) · m / (sqrt(v̂) / sqrt(1 − β2ᵗ) + ε)
 * </pre>
 *
 * Slots: {@code step} (0-d), {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with AMSGrad.
 */
public class Adam extends Optimizer {
    private static final List<String> SLOTS = List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    private double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), ε 1e-8, no weight decay. */
    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** Adam with weight decay added to the gradient (L2). */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    Adam(String name, List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad, boolean decoupled) {
        super(name, params, lr);
        checkBeta(name, "beta1", beta1);
        checkBeta(name, "beta2", beta2);
        checkRange(name, "eps", eps, 0, Double.MAX_VALUE);
        checkRange(name, "weight decay", weightDecay, 0, Double.MAX_VALUE);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    private static void checkBeta(String name, String what, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + ": " + what + " must be in [0, 1), got " + beta);
        }
    }

    @Override
    protected Tensor update(int i, Tensor value, Tensor grad, double lr) {
        double step = scalarSlot(i, "step") + 1;
        setScalarSlot(i, "step", step);
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        boolean firstStep = slot(i, "exp_avg") == null;
        Tensor m0 = moment(i, "exp_avg", value);
        Tensor v0 = moment(i, "exp_avg_sq", value);
        Tensor vMax0 = amsgrad ? moment(i, "max_exp_avg_sq", value) : null;
        if (AdamCpu.applies(value, grad, m0, v0, vMax0)) {
            // the moments are this optimizer's own tensors from the second step on: updated in place
            Tensor[] next = AdamCpu.update(value, grad, m0, v0, vMax0, amsgrad, new AdamCpu.Step(beta1, beta2, eps,
                    weightDecay, decoupled, lr, stepSize, biasCorrection2Sqrt), !firstStep);
            setSlot(i, "exp_avg", next[1]);
            setSlot(i, "exp_avg_sq", next[2]);
            if (amsgrad) {
                setSlot(i, "max_exp_avg_sq", next[3]);
            }
            return next[0];
        }
        Tensor theta = value;
        Tensor g = grad;
        if (weightDecay != 0) {
            if (decoupled) {
                theta = theta.mul(1 - lr * weightDecay);
            } else {
                g = g.add(theta.mul(weightDecay));
            }
        }
        Tensor m = m0.mul(beta1).add(g.mul(1 - beta1));
        Tensor v = v0.mul(beta2).add(g.mul(g).mul(1 - beta2));
        setSlot(i, "exp_avg", m);
        setSlot(i, "exp_avg_sq", v);
        if (amsgrad) {
            v = vMax0.maximum(v);
            setSlot(i, "max_exp_avg_sq", v);
        }
        Tensor denom = v.sqrt().div(biasCorrection2Sqrt).add(eps);
        return theta.add(m.div(denom).mul(-stepSize));
    }

    private Tensor moment(int i, String slot, Tensor value) {
        Tensor t = slot(i, slot);
        return t == null ? zerosLike(value) : t;
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    @Override
    public boolean hasMomentum() {
        return true;
    }

    /** β1. */
    @Override
    public double momentum() {
        return beta1;
    }

    /** Sets β1. */
    @Override
    public void setMomentum(double beta1) {
        checkBeta(name(), "beta1", beta1);
        this.beta1 = beta1;
    }

    @Override
    protected String momentumKey() {
        return "beta1";
    }
}
