package astrograd.layers.optim;

import astrograd.layers.Parameter;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, exactly as
 * PyTorch's {@code torch.optim.SGD}:
 *
 * <pre>
 * d = g + λ θ                                   (weight decay λ)
 * b = d                       at the first step  (momentum μ &gt; 0)
 * b = μ b + (1 − τ) d         afterwards         (dampening τ)
 * d = d + μ b   if Nesterov, else  d = b
 * θ = θ − lr d
 * </pre>
 */
public final class Sgd extends Optimizer {
    private static final List<String> SLOTS = List.of("momentum_buffer");
    private double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    /** Plain SGD. */
    public Sgd(List<Parameter> params, double lr) {
        this(params, lr, 0, 0, false, 0);
    }

    public Sgd(List<Parameter> params, double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super("SGD", params, lr);
        checkRange("SGD", "momentum", momentum, 0, Double.MAX_VALUE);
        checkRange("SGD", "dampening", dampening, 0, 1);
        checkRange("SGD", "weight decay", weightDecay, 0, Double.MAX_VALUE);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and dampening 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** SGD with momentum (no dampening, no decay). */
    public static Sgd withMomentum(List<Parameter> params, double lr, double momentum, boolean nesterov) {
        return new Sgd(params, lr, momentum, 0, nesterov, 0);
    }

    @Override
    protected Tensor update(int i, Tensor value, Tensor grad, double lr) {
        if (weightDecay == 0 && momentum == 0 && SgdCpu.applies(value, grad)) {
            return SgdCpu.step(value, grad, lr);
        }
        Tensor d = weightDecay != 0 ? grad.add(value.mul(weightDecay)) : grad;
        if (momentum != 0) {
            Tensor buf = slot(i, "momentum_buffer");
            buf = buf == null ? d : buf.mul(momentum).add(d.mul(1 - dampening));
            setSlot(i, "momentum_buffer", buf);
            d = nesterov ? d.add(buf.mul(momentum)) : buf;
        }
        return value.add(d.mul(-lr));
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    @Override
    public boolean hasMomentum() {
        return true;
    }

    @Override
    public double momentum() {
        return momentum;
    }

    @Override
    public void setMomentum(double momentum) {
        checkRange("SGD", "momentum", momentum, 0, Double.MAX_VALUE);
        this.momentum = momentum;
    }
}
