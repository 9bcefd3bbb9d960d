package astrograd.inference.sbi;

import astrograd.autodiff.Var;
import astrograd.inference.flows.Mog;
import astrograd.inference.model.Prior;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * A prior on θ ∈ R^D with independent coordinates, each an {@link Prior} of {@code inference.model}:
 * {@code log p(θ) = Σ_d log p_d(θ_d)}, −∞ outside the box of supports. Boxes of uniforms and products of normals
 * are recognized ({@link #kind}) because the analytic SNPE-A and non-atomic SNPE-C corrections need them: a
 * uniform contributes no precision (its support is enforced by rejection), a normal its Gaussian.
 */
public final class VectorPrior {
    /** What the analytic mixture corrections may assume. */
    public enum Kind {
        /** Every coordinate uniform on a finite interval. */
        BOX,
        /** Every coordinate normal. */
        GAUSSIAN,
        /** Anything else: only the atomic loss and plain NPE apply. */
        OTHER
    }

    private final Prior[] coordinates;
    private final Kind kind;
    private final double[] first;
    private final double[] second;

    private VectorPrior(Prior[] coordinates, Kind kind, double[] first, double[] second) {
        if (coordinates.length == 0) {
            throw new IllegalArgumentException("VectorPrior: needs at least one coordinate");
        }
        this.coordinates = coordinates;
        this.kind = kind;
        this.first = first;
        this.second = second;
    }

    /** Uniform on the box {@code [lower_d, upper_d]}. */
    public static VectorPrior box(double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("VectorPrior.box: " + lower.length + " lower and " + upper.length
                    + " upper bounds");
        }
        Prior[] p = new Prior[lower.length];
        for (int d = 0; d < p.length; d++) {
            p[d] = Prior.uniform(lower[d], upper[d]);
        }
        return new VectorPrior(p, Kind.BOX, lower.clone(), upper.clone());
    }

    /** Uniform on {@code [lo, hi]^dim}. */
    public static VectorPrior box(int dim, double lo, double hi) {
        double[] a = new double[dim];
        double[] b = new double[dim];
        Arrays.fill(a, lo);
        Arrays.fill(b, hi);
        return box(a, b);
    }

    /** Independent normals {@code N(mean_d, sd_d²)}. */
    public static VectorPrior gaussian(double[] mean, double[] sd) {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("VectorPrior.gaussian: " + mean.length + " means and " + sd.length
                    + " standard deviations");
        }
        Prior[] p = new Prior[mean.length];
        for (int d = 0; d < p.length; d++) {
            p[d] = Prior.normal(mean[d], sd[d]);
        }
        return new VectorPrior(p, Kind.GAUSSIAN, mean.clone(), sd.clone());
    }

    /** Any independent coordinates (they must be samplable to simulate from). */
    public static VectorPrior of(Prior... coordinates) {
        return new VectorPrior(coordinates.clone(), Kind.OTHER, null, null);
    }

    public int dim() {
        return coordinates.length;
    }

    public Kind kind() {
        return kind;
    }

    /** The box's lower and upper ends ({@link Kind#BOX}) or the means and standard deviations (GAUSSIAN). */
    public double[][] parameters() {
        return first == null ? null : new double[][] {first.clone(), second.clone()};
    }

    /** {@code n} draws {@code [n, D]} in float64, one stream per coordinate. */
    public Tensor sample(int n, Rng rng) {
        Tensor[] cols = new Tensor[dim()];
        for (int d = 0; d < dim(); d++) {
            cols[d] = coordinates[d].sample(rng.split(), n).to(DType.F64).reshape(n, 1);
        }
        return Tensor.cat(1, cols);
    }

    /** {@code log p(θ)} {@code [n]} for θ {@code [n, D]}; −∞ outside the support. */
    public Tensor logDensity(Tensor theta) {
        check(theta);
        Tensor t = theta.to(DType.F64);
        Tensor sum = null;
        for (int d = 0; d < dim(); d++) {
            Tensor lp = coordinates[d].logDensity(Var.constant(t.select(1, d).contiguous())).value();
            sum = sum == null ? lp : sum.add(lp);
        }
        return sum;
    }

    /** A boolean mask {@code [n]}: the rows of θ inside every coordinate's support (false at NaN). */
    public Tensor inSupport(Tensor theta) {
        check(theta);
        Tensor t = theta.to(DType.F64);
        Tensor inside = null;
        for (int d = 0; d < dim(); d++) {
            Tensor c = t.select(1, d);
            Tensor ok = c.ge(coordinates[d].lower()).and(c.le(coordinates[d].upper()));
            inside = inside == null ? ok : inside.and(ok);
        }
        return inside;
    }

    /** The Gaussian prior as a one-component mixture, or null for a box (no precision). */
    public Mog gaussianMixture() {
        switch (kind) {
            case GAUSSIAN:
                double[] var = new double[dim()];
                for (int d = 0; d < dim(); d++) {
                    var[d] = second[d] * second[d];
                }
                return Mog.diagonalGaussian(first, var);
            case BOX:
                return null;
            default:
                throw new IllegalArgumentException("VectorPrior: the analytic SNPE corrections need a box-uniform or"
                        + " Gaussian prior; use the atomic loss (SNPE-C with a flow) for this prior");
        }
    }

    private void check(Tensor theta) {
        if (theta.rank() != 2 || theta.size(1) != dim()) {
            throw new astrograd.tensor.ShapeException("VectorPrior: θ " + astrograd.tensor.Shape.str(theta.shape())
                    + " must be [n, " + dim() + "]");
        }
    }
}
