package astrograd.astro.images;

import astrograd.autodiff.Var;
import astrograd.layers.Pool;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import java.util.List;

/**
 * The multi-resolution L1 loss {@code L = Σ_l w_l · mean |predict_l − avgpool_{2^l}(GT)|}. The weights are our
 * choice (FlowNetS practice; the paper's are not public): {@link #DEFAULT_WEIGHTS}.
 */
public final class TransiNetLoss {
    /** w_0 … w_6. */
    public static final double[] DEFAULT_WEIGHTS = {1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.03125};

    private TransiNetLoss() {
    }

    /** The loss of {@code predictions} (predict_0 … predict_6) against the full-resolution target {@code [N, 1, H, W]}. */
    public static Var multiResolutionL1(List<Var> predictions, Var target, double[] weights) {
        if (weights.length != predictions.size()) {
            throw new IllegalArgumentException("TransiNetLoss: " + weights.length + " weights for "
                    + predictions.size() + " predictions");
        }
        Var total = null;
        for (int l = 0; l < predictions.size(); l++) {
            Var t = l == 0 ? target : Pool.avgPool2d(1 << l).forward(target);
            Var term = Losses.l1(predictions.get(l), t, Reduction.MEAN).mul(weights[l]);
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
