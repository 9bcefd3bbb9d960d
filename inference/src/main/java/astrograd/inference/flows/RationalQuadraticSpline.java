package astrograd.inference.flows;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * The monotone rational-quadratic spline of Durkan et al. (2019, "Neural Spline Flows"), elementwise on
 * {@code [-B, B]} and the identity (linear tails, slope 1) outside, written with {@link Var} ops so that outputs
 * and log-determinants differentiate with respect to the inputs and the spline parameters.
 *
 * <p>Parameters per element, with K bins: unnormalized widths and heights {@code [..., K]} and unnormalized
 * interior derivatives {@code [..., K−1]}. As in nflows:
 * <pre>
 *   w = m_w + (1 − K m_w) softmax(widths),  knots x_k = −B + 2B Σ_{j&lt;k} w_j   (x_0 = −B, x_K = B); same for y
 *   δ_k = m_d + softplus(d_k) at the K+1 knots, with δ_0 = δ_K = 1 (matching the tails)
 *   in bin k, s = h_k / w_k, ξ = (x − x_k)/w_k:
 *   g(x) = y_k + h_k (s ξ² + δ_k ξ(1−ξ)) / (s + (δ_{k+1} + δ_k − 2s) ξ(1−ξ))
 *   g'(x) = s² (δ_{k+1} ξ² + 2 s ξ(1−ξ) + δ_k (1−ξ)²) / (s + (δ_{k+1} + δ_k − 2s) ξ(1−ξ))²
 * </pre>
 * The inverse solves the quadratic for ξ in the bin found on the y-knots, with the root
 * {@code ξ = 2c / (−b − √(b² − 4ac))} (stable for the monotone branch). Minimum bin width, height and derivative
 * are 1e-3 as in nflows.
 */
public final class RationalQuadraticSpline {
    /** Smallest bin width as a fraction of 2B (nflows' {@code DEFAULT_MIN_BIN_WIDTH}). */
    public static final double MIN_BIN_WIDTH = 1e-3;
    /** Smallest bin height as a fraction of 2B. */
    public static final double MIN_BIN_HEIGHT = 1e-3;
    /** Smallest knot derivative. */
    public static final double MIN_DERIVATIVE = 1e-3;

    private RationalQuadraticSpline() {
    }

    /** Output and elementwise log |dy/dx| (for the inverse: log |dx/dy| of the inverse map, i.e. negated). */
    public record Result(Var outputs, Var logAbsDet) {
    }

    /**
     * Applies the spline (or its inverse) to {@code inputs [...]}.
     *
     * @param widths      unnormalized bin widths {@code [..., K]}
     * @param heights     unnormalized bin heights {@code [..., K]}
     * @param derivatives unnormalized interior knot derivatives {@code [..., K−1]}
     * @param tailBound   B &gt; 0: the spline acts on {@code [−B, B]}, the identity outside
     */
    public static Result apply(Var inputs, Var widths, Var heights, Var derivatives, double tailBound,
            boolean inverse) {
        int bins = checkShapes(inputs.value(), widths.value(), heights.value(), derivatives.value());
        if (!(tailBound > 0)) {
            throw new IllegalArgumentException("RationalQuadraticSpline: tail bound must be > 0, got " + tailBound);
        }
        if (MIN_BIN_WIDTH * bins > 1 || MIN_BIN_HEIGHT * bins > 1) {
            throw new IllegalArgumentException("RationalQuadraticSpline: " + bins + " bins are too many for the"
                    + " minimum bin width " + MIN_BIN_WIDTH);
        }
        Tensor x = inputs.value();
        Tensor inside = x.ge(-tailBound).and(x.le(tailBound));
        Var clamped = inputs.clamp(-tailBound, tailBound);
        Knots knotsX = knots(widths, MIN_BIN_WIDTH, tailBound);
        Knots knotsY = knots(heights, MIN_BIN_HEIGHT, tailBound);
        Var slopes = knotDerivatives(derivatives);
        Tensor bin = searchBins(inverse ? knotsY.positions.value() : knotsX.positions.value(), clamped.value(), bins);
        Bin b = new Bin(bin, knotsX, knotsY, slopes);
        Result spline = inverse ? b.inverse(clamped) : b.forward(clamped);
        Var out = Var.where(inside, spline.outputs(), inputs);
        Var zero = Var.constant(Tensor.zeros(x.dtype(), x.shape()));
        Var logDet = Var.where(inside, spline.logAbsDet(), zero);
        return new Result(out, logDet);
    }

    private static int checkShapes(Tensor x, Tensor w, Tensor h, Tensor d) {
        int[] batch = x.shape();
        int[] ws = w.shape();
        int k = ws.length == 0 ? 0 : ws[ws.length - 1];
        boolean ok = k >= 2 && ws.length == batch.length + 1 && java.util.Arrays.equals(ws, h.shape())
                && java.util.Arrays.equals(java.util.Arrays.copyOf(ws, batch.length), batch)
                && d.rank() == ws.length && d.size(-1) == k - 1
                && java.util.Arrays.equals(java.util.Arrays.copyOf(d.shape(), batch.length), batch);
        if (!ok) {
            throw new ShapeException("RationalQuadraticSpline: inputs " + Shape.str(batch) + ", widths "
                    + Shape.str(ws) + ", heights " + Shape.str(h.shape()) + ", derivatives " + Shape.str(d.shape())
                    + ": need [..., K], [..., K], [..., K-1] with K >= 2 over the inputs' shape");
        }
        return k;
    }

    /** Knot positions {@code [..., K+1]} from −B to B and the bin sizes {@code [..., K]}. */
    private record Knots(Var positions, Var sizes) {
    }

    private static Knots knots(Var unnormalized, double minSize, double bound) {
        int k = unnormalized.value().size(-1);
        int axis = unnormalized.value().rank() - 1;
        Var fractions = unnormalized.softmax(axis).mul(1 - minSize * k).add(minSize);
        Var inner = fractions.cumsum(axis).narrow(axis, 0, k - 1).mul(2 * bound).sub(bound);
        int[] endShape = unnormalized.value().shape().clone();
        endShape[axis] = 1;
        DType dt = unnormalized.value().dtype();
        Var left = Var.constant(Tensor.full(dt, -bound, endShape));
        Var right = Var.constant(Tensor.full(dt, bound, endShape));
        Var positions = Var.cat(axis, left, inner, right);
        Var sizes = positions.narrow(axis, 1, k).sub(positions.narrow(axis, 0, k));
        return new Knots(positions, sizes);
    }

    /** {@code δ [..., K+1]}: 1 at both ends, {@code m_d + softplus(d)} inside. */
    private static Var knotDerivatives(Var derivatives) {
        int axis = derivatives.value().rank() - 1;
        int[] endShape = derivatives.value().shape().clone();
        endShape[axis] = 1;
        Var one = Var.constant(Tensor.ones(derivatives.value().dtype(), endShape));
        return Var.cat(axis, one, derivatives.softplus().add(MIN_DERIVATIVE), one);
    }

    /** The bin index of each input: the number of inner knots at or below it, in {@code [0, K−1]}. */
    static Tensor searchBins(Tensor knots, Tensor inputs, int bins) {
        Tensor inner = knots.narrow(knots.rank() - 1, 1, bins - 1);
        Tensor count = inputs.unsqueeze(-1).ge(inner).to(DType.I64).sum(new int[] {-1}, true);
        return count.clamp(0, bins - 1).to(DType.I64);
    }

    /** The per-element quantities of the selected bin. */
    private static final class Bin {
        final Var x0;
        final Var width;
        final Var y0;
        final Var height;
        final Var slope;
        final Var d0;
        final Var d1;

        Bin(Tensor index, Knots kx, Knots ky, Var slopes) {
            int axis = index.rank() - 1;
            x0 = kx.positions.gather(axis, index).squeeze(axis);
            width = kx.sizes.gather(axis, index).squeeze(axis);
            y0 = ky.positions.gather(axis, index).squeeze(axis);
            height = ky.sizes.gather(axis, index).squeeze(axis);
            slope = height.div(width);
            d0 = slopes.gather(axis, index).squeeze(axis);
            d1 = slopes.gather(axis, index.add(1).to(DType.I64)).squeeze(axis);
        }

        Result forward(Var x) {
            Var xi = x.sub(x0).div(width);
            Var xiOneMinusXi = xi.mul(xi.neg().add(1));
            Var numerator = height.mul(slope.mul(xi.square()).add(d0.mul(xiOneMinusXi)));
            Var denominator = denominator(xiOneMinusXi);
            Var y = y0.add(numerator.div(denominator));
            return new Result(y, logDerivative(xi, xiOneMinusXi, denominator));
        }

        Result inverse(Var y) {
            Var dy = y.sub(y0);
            Var curvature = d0.add(d1).sub(slope.mul(2));
            Var a = dy.mul(curvature).add(height.mul(slope.sub(d0)));
            Var b = height.mul(d0).sub(dy.mul(curvature));
            Var c = slope.neg().mul(dy);
            Var discriminant = b.square().sub(a.mul(c).mul(4)).maximum(0.0);
            Var xi = c.mul(2).div(b.neg().sub(discriminant.sqrt()));
            Var x = xi.mul(width).add(x0);
            Var xiOneMinusXi = xi.mul(xi.neg().add(1));
            Var logDet = logDerivative(xi, xiOneMinusXi, denominator(xiOneMinusXi));
            return new Result(x, logDet.neg());
        }

        private Var denominator(Var xiOneMinusXi) {
            return slope.add(d0.add(d1).sub(slope.mul(2)).mul(xiOneMinusXi));
        }

        private Var logDerivative(Var xi, Var xiOneMinusXi, Var denominator) {
            Var oneMinusXi = xi.neg().add(1);
            Var numerator = slope.square().mul(d1.mul(xi.square()).add(slope.mul(2).mul(xiOneMinusXi))
                    .add(d0.mul(oneMinusXi.square())));
            return numerator.log().sub(denominator.log().mul(2));
        }
    }
}
