package astrograd.examples;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * How-to "a custom op with its own backward and kernel" ({@code docs/howto/custom-op.md}): {@link SiluOp}'s
 * gradient checked in float64 and its forward and backward compared with the composite {@code x·sigmoid(x)} that
 * autodiff differentiates by itself.
 */
public final class CustomOpExample {
    /** The largest differences from the composite, forward and gradient, in F32. */
    public record Result(double forwardDiff, double gradientDiff) {
    }

    private CustomOpExample() {
    }

    public static void main(String[] args) {
        Result r = run();
        System.out.printf("max |silu - x*sigmoid(x)| = %.2e, max gradient difference = %.2e%n",
                r.forwardDiff(), r.gradientDiff());
    }

    public static Result run() {
        // docs:begin check
        Rng rng = new Rng(3);
        GradCheck.assertPasses(GradCheck.check(v -> SiluOp.silu(v[0]).sum(), rng.randn(DType.F64, 5, 7)));

        Var x = Var.param(rng.randn(DType.F32, 1000));
        Var custom = SiluOp.silu(x);
        custom.sum().backward();
        Tensor customGrad = x.grad();
        Var y = Var.param(x.value());
        Var composite = y.mul(y.sigmoid());          // the same function from built-in ops
        composite.sum().backward();
        double forwardDiff = custom.value().sub(composite.value()).abs().max(new int[] {0}, false).item();
        double gradientDiff = customGrad.sub(y.grad()).abs().max(new int[] {0}, false).item();
        // docs:end check
        return new Result(forwardDiff, gradientDiff);
    }
}
