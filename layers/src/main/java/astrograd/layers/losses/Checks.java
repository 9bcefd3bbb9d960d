package astrograd.layers.losses;

import astrograd.autodiff.Var;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/** Argument checks shared by the losses; messages name the loss and the shapes. */
final class Checks {
    private Checks() {
    }

    static void sameShape(String op, String nameA, Var a, String nameB, Var b) {
        if (!Arrays.equals(a.value().shape(), b.value().shape())) {
            throw new ShapeException(op + ": " + nameA + " " + Shape.str(a.value().shape()) + " and " + nameB + " "
                    + Shape.str(b.value().shape()) + " must have the same shape");
        }
        sameDtype(op, nameA, a.value(), nameB, b.value());
    }

    static void sameDtype(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (!a.dtype().isFloating() || a.dtype() != b.dtype()) {
            throw new DTypeException(op + ": " + nameA + " " + a.dtype() + " and " + nameB + " " + b.dtype()
                    + " must both be F32 or both F64");
        }
    }

    static void positive(String op, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(op + ": " + name + " must be finite and > 0, got " + value);
        }
    }

    static void requireNonNull(String op, String name, Object o) {
        if (o == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
    }
}
