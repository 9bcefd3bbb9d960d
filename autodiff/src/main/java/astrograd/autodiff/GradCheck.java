package astrograd.autodiff;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks analytic gradients against float64 finite differences.
 *
 * <p>{@link #check} differentiates the scalar {@code L(x) = ⟨u, f(x)⟩} for a fixed random weighting u of
 * the output: the analytic gradient {@code Jᵀu} from {@link Var#backward} is compared, element by
 * element, with central differences {@code (L(x + εe_k) - L(x - εe_k)) / 2ε}, passing when
 * {@code |analytic - numeric| <= atol + rtol |numeric|}. {@link #innerProduct} costs one number per check
 * for large tensors: it compares {@code ⟨u, J v⟩} (a directional central difference along random v) with
 * {@code ⟨Jᵀu, v⟩}. Inputs must be F64, and the function must record a graph that reaches every input:
 * a gradient that never arrives is an {@link IllegalStateException}, never read as zeros. The random weights and
 * perturbations are made on the inputs' device, so the check runs on any backend.
 */
public final class GradCheck {
    /**
     * Outcome of a check: {@code worstError} is the largest {@code |diff| - allowed} (positive when
     * failing); {@link #toString()} names the worst element.
     */
    public record Report(boolean passed, double worstError, int input, int[] index, double analytic,
                         double numeric, String detail) {
        @Override
        public String toString() {
            return (passed ? "passed" : "FAILED") + ": " + detail;
        }
    }

    private GradCheck() {
    }

    /** Element-wise check with ε = 1e-6, atol = 1e-6, rtol = 1e-5. */
    public static Report check(Function<Var[], Var> f, Tensor... inputs) {
        return check(f, 1e-6, 1e-6, 1e-5, inputs);
    }

    /** Element-wise check with explicit step and tolerances. */
    public static Report check(Function<Var[], Var> f, double eps, double atol, double rtol, Tensor... inputs) {
        requireF64(inputs);
        Rng rng = new Rng(0x6A09E667L);
        Tensor out = evaluate(f, inputs);
        Tensor u = rng.randn(DType.F64, out.shape()).to(out.device());
        Tensor[] analytic = analyticGradients(f, u, inputs);
        Report worst = new Report(true, Double.NEGATIVE_INFINITY, -1, new int[0], 0, 0, "no input elements");
        for (int i = 0; i < inputs.length; i++) {
            double[] x = inputs[i].toDoubleArray();
            double[] a = analytic[i].toDoubleArray();
            int[] shape = inputs[i].shape();
            for (int k = 0; k < x.length; k++) {
                double numeric = directional(f, u, inputs, i, unit(x.length, k), eps);
                double err = Math.abs(a[k] - numeric);
                double allowed = atol + rtol * Math.abs(numeric);
                double margin = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err - allowed;
                if (margin > worst.worstError()) {
                    int[] index = unravel(k, shape);
                    worst = new Report(margin <= 0, margin, i, index, a[k], numeric,
                            "input " + i + " " + Arrays.toString(shape) + " at " + Arrays.toString(index)
                                    + ": analytic " + a[k] + ", numeric " + numeric + ", |diff| " + err
                                    + " (allowed " + allowed + ")");
                }
            }
        }
        return worst;
    }

    /** ⟨u, J v⟩ against ⟨Jᵀu, v⟩ for random u and v; passes when they agree within atol + rtol·|⟨u, Jv⟩|. */
    public static Report innerProduct(Function<Var[], Var> f, double eps, double atol, double rtol, Rng rng,
                                      Tensor... inputs) {
        requireF64(inputs);
        Tensor out = evaluate(f, inputs);
        Tensor u = rng.randn(DType.F64, out.shape()).to(out.device());
        Tensor[] jtu = analyticGradients(f, u, inputs);
        Tensor[] v = new Tensor[inputs.length];
        double adjoint = 0;
        for (int i = 0; i < inputs.length; i++) {
            v[i] = rng.randn(DType.F64, inputs[i].shape()).to(inputs[i].device());
            adjoint += jtu[i].mul(v[i]).sum().item();
        }
        Tensor[] plus = new Tensor[inputs.length];
        Tensor[] minus = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            plus[i] = inputs[i].add(v[i].mul(eps));
            minus[i] = inputs[i].sub(v[i].mul(eps));
        }
        double forward = (evaluate(f, plus).mul(u).sum().item() - evaluate(f, minus).mul(u).sum().item()) / (2 * eps);
        double err = Math.abs(forward - adjoint);
        double allowed = atol + rtol * Math.abs(forward);
        return new Report(err <= allowed, err - allowed, -1, new int[0], adjoint, forward,
                "<u, Jv> = " + forward + " by finite differences, <J^T u, v> = " + adjoint + ", |diff| " + err
                        + " (allowed " + allowed + ")");
    }

    /** Throws an AssertionError carrying the report when a check fails. */
    public static void assertPasses(Report report) {
        if (!report.passed()) {
            throw new AssertionError("gradient check " + report);
        }
    }

    private static double directional(Function<Var[], Var> f, Tensor u, Tensor[] inputs, int which,
                                      double[] direction, double eps) {
        Tensor[] plus = inputs.clone();
        Tensor[] minus = inputs.clone();
        Tensor d = Tensor.of(direction, inputs[which].shape()).to(inputs[which].device()).mul(eps);
        plus[which] = inputs[which].add(d);
        minus[which] = inputs[which].sub(d);
        return (evaluate(f, plus).mul(u).sum().item() - evaluate(f, minus).mul(u).sum().item()) / (2 * eps);
    }

    private static Tensor evaluate(Function<Var[], Var> f, Tensor[] inputs) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Var[] vars = new Var[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                vars[i] = Var.constant(inputs[i]);
            }
            return f.apply(vars).value();
        }
    }

    private static Tensor[] analyticGradients(Function<Var[], Var> f, Tensor u, Tensor[] inputs) {
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Var.param(inputs[i]);
        }
        Var out = f.apply(vars);
        if (!out.requiresGrad()) {
            throw new IllegalStateException("GradCheck: the function's result records no graph from its inputs "
                    + "(an op without a gradient rule, or a result that does not depend on them)");
        }
        out.backward(u);
        Tensor[] grads = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            grads[i] = vars[i].grad();
            if (grads[i] == null) {
                throw new IllegalStateException("GradCheck: no gradient reached input " + i + " "
                        + Arrays.toString(inputs[i].shape()) + " (the graph does not lead to it: an op that drops "
                        + "it, or an input the function does not use); a missing gradient is not a zero one");
            }
        }
        return grads;
    }

    private static double[] unit(int n, int k) {
        double[] e = new double[n];
        e[k] = 1;
        return e;
    }

    private static int[] unravel(int k, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = shape[d] == 0 ? 0 : k % shape[d];
            k = shape[d] == 0 ? k : k / shape[d];
        }
        return index;
    }

    private static void requireF64(Tensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.F64) {
                throw new astrograd.tensor.DTypeException("GradCheck: input " + i + " is " + inputs[i].dtype()
                        + "; finite differences need F64");
            }
        }
    }
}
