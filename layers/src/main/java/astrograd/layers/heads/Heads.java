package astrograd.layers.heads;

import astrograd.tensor.DTypeException;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/** Argument checks shared by the heads and their distributions. */
final class Heads {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private Heads() {
    }

    /** Targets must be {@code [N, D]} like the batch of distributions {@code [N, D]} and of its dtype. */
    static void checkTargets(String op, Tensor mean, Tensor y) {
        int n = mean.size(0);
        int d = mean.size(-1);
        if (y.rank() != 2 || y.size(0) != n || y.size(1) != d) {
            throw new ShapeException(op + ": targets " + Shape.str(y.shape()) + " must be [" + n + ", " + d
                    + "] for distributions of mean " + Shape.str(mean.shape()));
        }
        if (y.dtype() != mean.dtype()) {
            throw new DTypeException(op + ": targets are " + y.dtype() + " but the distribution is " + mean.dtype());
        }
    }

    /** Features must be {@code [N, F]}. */
    static void checkFeatures(String head, int features, Tensor x) {
        if (x.rank() != 2 || x.size(1) != features) {
            throw new ShapeException(head + ": features " + Shape.str(x.shape()) + " must be [N, " + features + "]");
        }
    }

    static void checkPositive(String head, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(head + ": " + name + " must be >= 1, got " + value);
        }
    }
}
