package astrograd.layers;

import astrograd.autodiff.CustomOp;
import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;

/**
 * Gradient reversal (Ganin &amp; Lempitsky 2015, domain-adversarial training): the identity forward,
 * {@code y = x}, and {@code ∂L/∂x = −λ · ∂L/∂y} backward. λ can be changed between steps (e.g. the
 * schedule {@code λ = 2 / (1 + exp(−10 · progress)) − 1}); a graph uses the λ current when it was built.
 */
public final class GradientReversal extends Module implements Layer {
    private double lambda;

    public GradientReversal(double lambda) {
        setLambda(lambda);
    }

    public double lambda() {
        return lambda;
    }

    public void setLambda(double lambda) {
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("GradientReversal: lambda must be finite, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public Var forward(Var x) {
        return CustomOp.apply(new Reverse(lambda), x);
    }

    @Override
    protected String describe() {
        return "lambda=" + lambda;
    }

    /** The op with λ fixed when the graph is built. */
    private static final class Reverse implements CustomOp {
        private final double lambda;

        Reverse(double lambda) {
            this.lambda = lambda;
        }

        @Override
        public String name() {
            return "gradientReversal";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0];
        }

        @Override
        public Tensor backward(Tensor upstream, int input, Tensor[] inputs, Tensor output) {
            return upstream.mul(-lambda);
        }
    }
}
