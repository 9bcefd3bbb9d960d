package astrograd.layers.optim;

import astrograd.layers.Parameter;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping with PyTorch's semantics ({@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}). Frozen parameters and parameters without a gradient are ignored.
 */
public final class GradClip {
    private GradClip() {
    }

    /** {@link #clipGradNorm(List, double, double, boolean)} with the 2-norm, non-finite norms allowed. */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2, false);
    }

    /**
     * Scales all gradients together so that their global norm is at most {@code maxNorm}:
     * {@code N = ‖(‖g₁‖_p, …, ‖g_k‖_p)‖_p} (the largest |g| for p = ∞), then every gradient is multiplied by
     * {@code min(1, maxNorm / (N + 1e-6))}.
     *
     * @param normType p &gt; 0, or {@code Double.POSITIVE_INFINITY}
     * @param errorIfNonfinite throw instead of scaling when N is NaN or infinite
     * @return the global norm N before clipping (0 when no parameter has a gradient)
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0, got " + maxNorm);
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: norm type must be > 0 or infinity, got " + normType);
        }
        List<Parameter> withGrad = withGradients(params);
        if (withGrad.isEmpty()) {
            return 0;
        }
        double[] norms = new double[withGrad.size()];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = norm(withGrad.get(i).grad(), normType);
        }
        double total = combine(norms, normType);
        if (errorIfNonfinite && !Double.isFinite(total)) {
            throw new ArithmeticException("clipGradNorm: the total " + normType + "-norm of the gradients is " + total);
        }
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
        if (coef != 1.0) {
            for (Parameter p : withGrad) {
                p.setGrad(p.grad().mul(coef));
            }
        }
        return total;
    }

    /** Clamps every gradient element to {@code [-clipValue, clipValue]}. */
    public static void clipGradValue(List<Parameter> params, double clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clip value must be >= 0, got " + clipValue);
        }
        for (Parameter p : withGradients(params)) {
            p.setGrad(p.grad().clamp(-clipValue, clipValue));
        }
    }

    /** The p-norm of one tensor, computed in its dtype as PyTorch does. */
    static double norm(Tensor g, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            return g.abs().max(new int[0], false).item();
        }
        if (p == 2) {
            return g.mul(g).sum().sqrt().item();
        }
        if (p == 1) {
            return g.abs().sum().item();
        }
        return g.abs().pow(p).sum().pow(1 / p).item();
    }

    private static double combine(double[] norms, double p) {
        return norm(Tensor.of(norms, norms.length), p);
    }

    private static List<Parameter> withGradients(List<Parameter> params) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : params) {
            if (!p.frozen() && p.grad() != null) {
                out.add(p);
            }
        }
        return out;
    }

}
