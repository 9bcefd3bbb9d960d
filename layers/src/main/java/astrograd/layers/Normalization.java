package astrograd.layers;

import astrograd.autodiff.Var;

/** The standardization shared by {@link LayerNorm} and {@link GroupNorm}, written from differentiable ops. */
final class Normalization {
    private Normalization() {
    }

    /**
     * {@code (x − μ) / sqrt(σ² + ε)} with μ and the biased σ² over {@code axes} (two passes: σ² is the mean of
     * the squared centred values). A constant slice has σ² = 0: its output is 0 and its gradients are finite,
     * since the square root only ever sees σ² + ε &gt; 0.
     */
    static Var standardize(Var x, int[] axes, double eps) {
        Var centered = x.sub(x.mean(axes, true));
        Var var = centered.square().mean(axes, true);
        return centered.mul(var.add(eps).rsqrt());
    }

    static void checkEps(String who, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(who + ": eps must be finite and > 0, got " + eps);
        }
    }
}
