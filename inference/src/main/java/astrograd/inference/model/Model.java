package astrograd.inference.model;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A posterior over named parameters: {@code log p(θ) = Σⱼ log πⱼ(θⱼ) + log L(θ)}, priors {@code πⱼ} and a batched
 * likelihood {@link LogDensity} over F64 {@code [W, D]}. In unconstrained space, {@code θⱼ = fⱼ(uⱼ)} and
 * {@code log p(u) = log p(f(u)) + Σⱼ log |fⱼ'(uⱼ)|}. Samplers use {@link #evaluate}; gradient-based samplers use
 * {@link #evaluateWithGradient}, whose gradient comes from one backward pass over the whole batch.
 *
 * <pre>{@code
 * Model m = Model.builder()
 *         .parameter("mu", Prior.normal(0, 5))
 *         .parameter("tau", Prior.halfNormal(5))
 *         .likelihood(theta -> ...)   // [W, 2] -> [W]
 *         .build();
 * Evaluation e = m.evaluateWithGradient(u, Space.UNCONSTRAINED);
 * }</pre>
 *
 * A model is immutable and may be evaluated from several threads at once if its likelihood may.
 */
public final class Model {
    private final List<Parameter> parameters;
    private final List<String> names;
    private final LogDensity likelihood;
    private final boolean allIdentity;
    /** Runs of consecutive parameters with equal priors and bijections, evaluated as one {@code [W, k]} block each. */
    private final List<Block> blocks;

    private record Block(int start, int length, Prior prior, Bijection bijection) {
        Var of(Var points) {
            return points.narrow(1, start, length);
        }

        Tensor of(Tensor points) {
            return points.narrow(1, start, length);
        }
    }

    private Model(List<Parameter> parameters, LogDensity likelihood) {
        this.parameters = List.copyOf(parameters);
        this.names = parameters.stream().map(Parameter::name).toList();
        this.likelihood = likelihood;
        this.allIdentity = parameters.stream().allMatch(p -> p.bijection() instanceof Bijections.Identity);
        this.blocks = blocks(this.parameters);
    }

    /** A model of {@code names.length} parameters with flat priors: {@code logDensity} is the whole posterior. */
    public static Model of(LogDensity logDensity, String... names) {
        Builder b = builder();
        for (String n : names) {
            b.parameter(n, Prior.flat());
        }
        return b.likelihood(logDensity).build();
    }

    /** A model of {@code dim} flat-prior parameters named {@code x0, x1, ...}. */
    public static Model of(LogDensity logDensity, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("model: dimension must be >= 1, got " + dim);
        }
        String[] names = new String[dim];
        for (int j = 0; j < dim; j++) {
            names[j] = "x" + j;
        }
        return of(logDensity, names);
    }

    private static List<Block> blocks(List<Parameter> parameters) {
        List<Block> out = new ArrayList<>();
        int start = 0;
        for (int j = 1; j <= parameters.size(); j++) {
            Parameter first = parameters.get(start);
            if (j == parameters.size() || !parameters.get(j).prior().equals(first.prior())
                    || !parameters.get(j).bijection().equals(first.bijection())) {
                out.add(new Block(start, j - start, first.prior(), first.bijection()));
                start = j;
            }
        }
        return List.copyOf(out);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of parameters D. */
    public int dim() {
        return parameters.size();
    }

    public List<String> names() {
        return names;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    // ---------------------------------------------------------------- differentiable densities

    /** {@code log p(θ)} of a batch {@code θ [W, D]} as {@code [W]}: priors plus likelihood. */
    public Var logDensity(Var theta) {
        checkPoints(theta.value());
        Var[] blockValues = new Var[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            blockValues[b] = blocks.get(b).of(theta);
        }
        return posterior(theta, blockValues);
    }

    /** The likelihood at {@code theta} plus each block's prior at its columns {@code blockValues[b] [W, k]}. */
    private Var posterior(Var theta, Var[] blockValues) {
        Var total = null;
        if (likelihood != null) {
            total = likelihood.apply(theta);
            checkOutput(total, theta.value().size(0));
        }
        for (int b = 0; b < blocks.size(); b++) {
            Prior prior = blocks.get(b).prior();
            if (!(prior instanceof Priors.Flat)) {
                Var lp = sumColumns(prior.logDensity(blockValues[b]));
                total = total == null ? lp : total.add(lp);
            }
        }
        return total != null ? total : theta.select(1, 0).mul(0.0);
    }

    /** {@code [W, k]} to {@code [W]}: the one column, or the sum of several. */
    private static Var sumColumns(Var v) {
        return v.value().size(1) == 1 ? v.reshape(v.value().size(0)) : v.sum(new int[] {1}, false);
    }

    /** {@code log p(f(u)) + Σⱼ log |fⱼ'(uⱼ)|} of a batch {@code u [W, D]} in unconstrained space, as {@code [W]}. */
    public Var logDensityUnconstrained(Var u) {
        checkPoints(u.value());
        if (allIdentity) {
            return logDensity(u);
        }
        Var[] blockValues = new Var[blocks.size()];
        Var logJacobian = null;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            Var ub = block.of(u);
            blockValues[b] = block.bijection().forward(ub);
            if (!(block.bijection() instanceof Bijections.Identity)) {
                Var lj = sumColumns(block.bijection().logAbsJacobian(ub));
                logJacobian = logJacobian == null ? lj : logJacobian.add(lj);
            }
        }
        Var theta = blockValues.length == 1 ? blockValues[0] : Var.cat(1, blockValues);
        Var lp = posterior(theta, blockValues);
        return logJacobian == null ? lp : lp.add(logJacobian);
    }

    /** The log-density in the given space. */
    public Var logDensity(Var points, Space space) {
        return space == Space.CONSTRAINED ? logDensity(points) : logDensityUnconstrained(points);
    }

    // ---------------------------------------------------------------- numbers for samplers

    /** Log-densities of {@code points [W, D]} (F64) in {@code space}, without a graph; non-finite rows read −∞. */
    public Evaluation evaluate(Tensor points, Space space) {
        checkPoints(points);
        double[] lp;
        try (GradMode.Scope s = GradMode.noGrad()) {
            lp = logDensity(Var.constant(points), space).value().toDoubleArray();
        }
        boolean[] bad = new boolean[lp.length];
        for (int w = 0; w < lp.length; w++) {
            if (Double.isNaN(lp[w]) || lp[w] == Double.POSITIVE_INFINITY) {
                lp[w] = Double.NEGATIVE_INFINITY;
                bad[w] = true;
            }
        }
        return new Evaluation(lp, null, bad);
    }

    /**
     * Log-densities and their gradients {@code ∂ log p/∂ points} ({@code [W][D]}) of {@code points [W, D]} (F64) in
     * {@code space}, by one backward pass with seed 1 for every row (rows are independent). A row whose value or
     * gradient is not finite reads −∞ with a zero gradient and is counted.
     */
    public Evaluation evaluateWithGradient(Tensor points, Space space) {
        checkPoints(points);
        if (!GradMode.isEnabled()) {
            throw new IllegalStateException("evaluateWithGradient: called inside GradMode.noGrad(), which records no "
                    + "graph and so gives no gradient");
        }
        Var x = Var.param(points);
        Var out = logDensity(x, space);
        int w = points.size(0);
        int d = dim();
        double[] lp = out.value().toDoubleArray();
        double[] g = new double[w * d];
        if (out.requiresGrad()) {
            out.backward(Tensor.ones(DType.F64, w));
            if (x.grad() != null) {
                g = x.grad().contiguous().toDoubleArray();
            }
        }
        double[][] grad = new double[w][];
        boolean[] bad = new boolean[w];
        for (int i = 0; i < w; i++) {
            grad[i] = Arrays.copyOfRange(g, i * d, (i + 1) * d);
            if (lp[i] == Double.NEGATIVE_INFINITY) {
                Arrays.fill(grad[i], 0);
            } else if (!Double.isFinite(lp[i]) || !allFinite(grad[i])) {
                lp[i] = Double.NEGATIVE_INFINITY;
                Arrays.fill(grad[i], 0);
                bad[i] = true;
            }
        }
        return new Evaluation(lp, grad, bad);
    }

    /** {@link #evaluate(Tensor, Space)} of points given as rows {@code [W][D]}. */
    public Evaluation evaluate(double[][] points, Space space) {
        return evaluate(toTensor(points), space);
    }

    /** {@link #evaluateWithGradient(Tensor, Space)} of points given as rows {@code [W][D]} (e.g. one point, W = 1). */
    public Evaluation evaluateWithGradient(double[][] points, Space space) {
        return evaluateWithGradient(toTensor(points), space);
    }

    private Tensor toTensor(double[][] points) {
        if (points.length == 0) {
            throw new IllegalArgumentException("model: no points");
        }
        double[] flat = new double[points.length * dim()];
        for (int w = 0; w < points.length; w++) {
            if (points[w].length != dim()) {
                throw new IllegalArgumentException("model: point " + w + " has " + points[w].length + " values, the model "
                        + dim() + " parameters");
            }
            System.arraycopy(points[w], 0, flat, w * dim(), dim());
        }
        return Tensor.of(flat, points.length, dim());
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- between spaces

    /** {@code θ = f(u)} column by column, for {@code u [..., D]} (F64). */
    public Tensor toConstrained(Tensor u) {
        return mapColumns(u, true);
    }

    /** {@code u = f⁻¹(θ)} column by column, for {@code θ [..., D]} (F64). */
    public Tensor toUnconstrained(Tensor theta) {
        return mapColumns(theta, false);
    }

    /** Points of {@code space} mapped to the constrained space (identity when already there). */
    public Tensor toConstrained(Tensor points, Space space) {
        return space == Space.CONSTRAINED ? points : toConstrained(points);
    }

    private Tensor mapColumns(Tensor x, boolean forward) {
        int[] shape = x.shape();
        if (x.rank() < 1 || shape[shape.length - 1] != dim() || x.dtype() != DType.F64) {
            throw new IllegalArgumentException("model: points must be F64 [..., " + dim() + "], got " + x.dtype()
                    + " " + Arrays.toString(shape));
        }
        if (allIdentity) {
            return x;
        }
        Tensor flat = x.reshape(-1, dim());
        Tensor[] cols = new Tensor[blocks.size()];
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (int b = 0; b < blocks.size(); b++) {
                Bijection f = blocks.get(b).bijection();
                Tensor c = blocks.get(b).of(flat);
                cols[b] = forward ? f.forward(Var.constant(c)).value() : f.inverse(c);
            }
        }
        return (cols.length == 1 ? cols[0] : Tensor.cat(1, cols)).reshape(shape);
    }

    /** {@code n} draws from the priors, {@code [n, D]} in constrained space (each prior in turn uses {@code rng}). */
    public Tensor samplePrior(Rng rng, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("samplePrior: need n >= 1, got " + n);
        }
        Tensor[] cols = new Tensor[dim()];
        for (int j = 0; j < dim(); j++) {
            cols[j] = parameters.get(j).prior().sample(rng, n).to(DType.F64);
        }
        return Tensor.stack(1, cols);
    }

    // ---------------------------------------------------------------- checks

    private void checkPoints(Tensor p) {
        if (p.dtype() != DType.F64 || p.rank() != 2 || p.size(1) != dim() || p.size(0) < 1) {
            throw new IllegalArgumentException("model: points must be F64 [W, " + dim() + "] with W >= 1, got "
                    + p.dtype() + " " + Arrays.toString(p.shape()));
        }
    }

    private static void checkOutput(Var out, int w) {
        Tensor v = out.value();
        if (v.rank() != 1 || v.size(0) != w || v.dtype() != DType.F64) {
            throw new IllegalArgumentException("model: the likelihood must return F64 [" + w + "] (one value per row),"
                    + " got " + v.dtype() + " " + Arrays.toString(v.shape()));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Model(");
        for (int j = 0; j < dim(); j++) {
            Parameter p = parameters.get(j);
            sb.append(j == 0 ? "" : ", ").append(p.name()).append(" ~ ").append(p.prior());
        }
        return sb.append(likelihood == null ? ")" : " | likelihood)").toString();
    }

    /** Collects parameters (in order) and the likelihood. */
    public static final class Builder {
        private final List<Parameter> parameters = new ArrayList<>();
        private LogDensity likelihood;

        private Builder() {
        }

        /** A parameter with its prior's natural bijection. */
        public Builder parameter(String name, Prior prior) {
            return parameter(new Parameter(name, prior));
        }

        /** A parameter with an explicit bijection onto the prior's support. */
        public Builder parameter(String name, Prior prior, Bijection bijection) {
            return parameter(new Parameter(name, prior, bijection));
        }

        public Builder parameter(Parameter p) {
            parameters.add(p);
            return this;
        }

        /** The batched log-likelihood over constrained {@code [W, D]} (may be omitted: priors only). */
        public Builder likelihood(LogDensity likelihood) {
            this.likelihood = likelihood;
            return this;
        }

        /** @throws IllegalArgumentException with no parameter or a repeated name */
        public Model build() {
            if (parameters.isEmpty()) {
                throw new IllegalArgumentException("model: no parameters");
            }
            HashSet<String> seen = new HashSet<>();
            for (Parameter p : parameters) {
                if (!seen.add(p.name())) {
                    throw new IllegalArgumentException("model: parameter name '" + p.name() + "' used twice");
                }
            }
            return new Model(parameters, likelihood);
        }
    }
}
