package astrograd.layers.optim;

import astrograd.layers.Parameter;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019), as PyTorch's {@code torch.optim.AdamW}:
 * {@code θ ← θ (1 − lr λ)} before the Adam update (see {@link Adam} for the formulas).
 */
public final class AdamW extends Adam {
    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), ε 1e-8, weight decay 0.01. */
    public AdamW(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
