package astrograd.layers.optim;

import astrograd.layers.Parameter;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * RMSprop, exactly as PyTorch's {@code torch.optim.RMSprop}:
 *
 * <pre>
 * g = g + λ θ                                   (weight decay λ)
 * s = α s + (1 − α) g²
 * a = α a + (1 − α) g,  r = sqrt(s − a²) + ε     (centered)
 * r = sqrt(s) + ε                               (otherwise)
 * b = μ b + g / r,  θ = θ − lr b                (momentum μ &gt; 0)
 * θ = θ − lr g / r                              (otherwise)
 * </pre>
 *
 * Slots: {@code square_avg}, {@code grad_avg} (centered), {@code momentum_buffer} (momentum &gt; 0).
 */
public final class RmsProp extends Optimizer {
    private static final List<String> SLOTS = List.of("square_avg", "grad_avg", "momentum_buffer");
    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private double momentum;
    private final boolean centered;

    /** RMSprop with PyTorch's defaults: α 0.99, ε 1e-8, no momentum, not centered. */
    public RmsProp(List<Parameter> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    public RmsProp(List<Parameter> params, double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super("RMSprop", params, lr);
        checkRange("RMSprop", "alpha", alpha, 0, 1);
        checkRange("RMSprop", "eps", eps, 0, Double.MAX_VALUE);
        checkRange("RMSprop", "weight decay", weightDecay, 0, Double.MAX_VALUE);
        checkRange("RMSprop", "momentum", momentum, 0, Double.MAX_VALUE);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    protected Tensor update(int i, Tensor value, Tensor grad, double lr) {
        Tensor g = weightDecay != 0 ? grad.add(value.mul(weightDecay)) : grad;
        Tensor s = orZeros(slot(i, "square_avg"), value).mul(alpha).add(g.mul(g).mul(1 - alpha));
        setSlot(i, "square_avg", s);
        Tensor r;
        if (centered) {
            Tensor a = orZeros(slot(i, "grad_avg"), value).mul(alpha).add(g.mul(1 - alpha));
            setSlot(i, "grad_avg", a);
            r = s.sub(a.mul(a)).sqrt();
        } else {
            r = s.sqrt();
        }
        r = r.add(eps);
        if (momentum > 0) {
            Tensor b = orZeros(slot(i, "momentum_buffer"), value).mul(momentum).add(g.div(r));
            setSlot(i, "momentum_buffer", b);
            return value.add(b.mul(-lr));
        }
        return value.add(g.div(r).mul(-lr));
    }

    private static Tensor orZeros(Tensor t, Tensor like) {
        return t == null ? zerosLike(like) : t;
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
        checkRange("RMSprop", "momentum", momentum, 0, Double.MAX_VALUE);
        this.momentum = momentum;
    }
}
