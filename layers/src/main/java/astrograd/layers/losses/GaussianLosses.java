package astrograd.layers.losses;

import astrograd.autodiff.Var;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/** Gaussian negative log-likelihood and the KL divergence between diagonal Gaussians. */
public final class GaussianLosses {
    /** PyTorch's default variance floor of {@link #gaussianNll}. */
    public static final double DEFAULT_VAR_EPS = 1e-6;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private GaussianLosses() {
    }

    /** {@link #gaussianNll(Var, Var, Var, boolean, double, Reduction)} with {@code full = false, eps = 1e-6}. */
    public static Var gaussianNll(Var input, Var target, Var variance, Reduction reduction) {
        return gaussianNll(input, target, variance, false, DEFAULT_VAR_EPS, reduction);
    }

    /**
     * Gaussian NLL as PyTorch's {@code gaussian_nll_loss}: per element
     * {@code ½ (log v + (x − y)² / v)} plus {@code ½ log 2π} when {@code full}, with
     * {@code v = max(variance, eps)}. As in PyTorch the clamp is invisible to the gradient: where the variance
     * is below eps its gradient is the formula's at v = eps, not zero. The variance has the input's shape,
     * or that shape without its last axis, or with last axis 1 (one variance per row, broadcast).
     *
     * @throws ShapeException when the shapes disagree
     * @throws IllegalArgumentException when a variance is negative (or NaN) or eps is not positive
     */
    public static Var gaussianNll(Var input, Var target, Var variance, boolean full, double eps, Reduction reduction) {
        String op = "gaussianNll";
        Checks.positive(op, "eps", eps);
        Checks.sameShape(op, "input", input, "target", target);
        Checks.sameDtype(op, "input", input.value(), "variance", variance.value());
        Var v = alignVariance(op, input.value().shape(), variance);
        double[] values = v.value().toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0)) {
                throw new IllegalArgumentException(op + ": variance must be >= 0, element " + i + " is " + values[i]);
            }
        }
        Var clamped = v.add(Var.constant(v.value().maximum(eps).sub(v.value())));
        Var perElement = clamped.log().add(input.sub(target).square().div(clamped)).mul(0.5);
        return reduction.apply(full ? perElement.add(HALF_LOG_2PI) : perElement);
    }

    private static Var alignVariance(String op, int[] inputShape, Var variance) {
        int[] vs = variance.value().shape();
        int r = inputShape.length;
        if (Arrays.equals(vs, inputShape)) {
            return variance;
        }
        if (r >= 1 && Arrays.equals(vs, Arrays.copyOf(inputShape, r - 1))) {
            return variance.unsqueeze(-1);
        }
        if (r >= 1 && vs.length == r && vs[r - 1] == 1 && Arrays.equals(Arrays.copyOf(vs, r - 1), Arrays.copyOf(inputShape, r - 1))) {
            return variance;
        }
        throw new ShapeException(op + ": variance " + Shape.str(vs) + " must be " + Shape.str(inputShape)
                + ", " + Shape.str(Arrays.copyOf(inputShape, Math.max(r - 1, 0))) + " or end in 1 for input "
                + Shape.str(inputShape));
    }

    /**
     * {@code KL(q ‖ p)} between diagonal Gaussians given means and log-variances, summed over the last
     * (event) axis and reduced over the others:
     * {@code ½ Σ_d [log σ²_p − log σ²_q + (σ²_q + (μ_q − μ_p)²) / σ²_p − 1]}.
     * NONE gives one value per row ({@code [...]} without the last axis).
     */
    public static Var klDiagonalGaussians(Var meanQ, Var logVarQ, Var meanP, Var logVarP, Reduction reduction) {
        String op = "klDiagonalGaussians";
        Checks.sameShape(op, "meanQ", meanQ, "logVarQ", logVarQ);
        Checks.sameShape(op, "meanQ", meanQ, "meanP", meanP);
        Checks.sameShape(op, "meanQ", meanQ, "logVarP", logVarP);
        if (meanQ.value().rank() < 1) {
            throw new ShapeException(op + ": means must have an event axis, got " + Shape.str(meanQ.value().shape()));
        }
        Var ratio = logVarQ.exp().add(meanQ.sub(meanP).square()).div(logVarP.exp());
        Var perDim = logVarP.sub(logVarQ).add(ratio).sub(1).mul(0.5);
        return reduction.apply(perDim.sum(-1));
    }

    /** {@code KL(N(μ, σ²) ‖ N(0, I))} = {@code ½ Σ_d (σ² + μ² − 1 − log σ²)}, the VAE regularizer. */
    public static Var klToStandardNormal(Var mean, Var logVar, Reduction reduction) {
        Var zeros = Var.constant(Tensor.zeros(mean.value().dtype(), mean.value().shape()));
        return klDiagonalGaussians(mean, logVar, zeros, zeros, reduction);
    }
}
