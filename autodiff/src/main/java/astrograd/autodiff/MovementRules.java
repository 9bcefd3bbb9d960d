package astrograd.autodiff;

import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PadMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Views, joins, padding and rolling. Views route g back by the inverse view; ops that keep a part of the
 * input (slice, narrow, select, cat) write g into a zero tensor of the input's shape. Expansion needs no
 * rule beyond identity: the walker sums broadcast gradients back.
 */
final class MovementRules {
    private MovementRules() {
    }

    /** A zero tensor of the shape with g written into the view {@code part} picks out. */
    private static Tensor embed(Tensor g, int[] shape, UnaryOperator<Tensor> part) {
        Tensor out = Tensor.zeros(g.dtype(), shape).to(g.device());
        g.backend().copyInto(g, part.apply(out));
        return out;
    }

    static Var reshape(Var a, int... shape) {
        int[] from = a.shape();
        return Var.make("reshape", a.value().reshape(shape), (g, i) -> g.reshape(from), a);
    }

    static Var permute(Var a, int... axes) {
        Tensor z = a.value().permute(axes);
        int[] inverse = new int[axes.length];
        for (int k = 0; k < axes.length; k++) {
            inverse[Shape.axis("permute", axes[k], axes.length)] = k;
        }
        return Var.make("permute", z, (g, i) -> g.permute(inverse), a);
    }

    static Var transpose(Var a, int p, int q) {
        return Var.make("transpose", a.value().transpose(p, q), (g, i) -> g.transpose(p, q), a);
    }

    static Var slice(Var a, int axis, int start, int end, int step) {
        return region("slice", a, o -> o.slice(axis, start, end, step));
    }

    static Var narrow(Var a, int axis, int start, int length) {
        return region("narrow", a, o -> o.narrow(axis, start, length));
    }

    static Var select(Var a, int axis, int index) {
        return region("select", a, o -> o.select(axis, index));
    }

    /** An op whose output is the view {@code part} of its input; its gradient fills that region. */
    private static Var region(String op, Var a, UnaryOperator<Tensor> part) {
        int[] shape = a.shape();
        ViewVjp vjp = new ViewVjp() {
            @Override
            public Tensor apply(Tensor g, int input) {
                return embed(g, shape, part);
            }

            @Override
            public Tensor region(Tensor inputShaped) {
                return part.apply(inputShaped);
            }
        };
        return Var.make(op, part.apply(a.value()), vjp, a);
    }

    /** Broadcast view; the walker sums g back over the expanded axes. */
    static Var expand(Var a, int... shape) {
        return Var.make("expand", a.value().expand(shape), (g, i) -> g, a);
    }

    static Var flip(Var a, int... axes) {
        return Var.make("flip", a.value().flip(axes), (g, i) -> g.flip(axes), a);
    }

    static Var contiguous(Var a) {
        return Var.make("contiguous", a.value().contiguous(), (g, i) -> g, a);
    }

    /** d roll(x, s) = roll(g, -s). */
    static Var roll(Var a, int shift, int axis) {
        return Var.make("roll", a.value().roll(shift, axis), (g, i) -> g.roll(-shift, axis), a);
    }

    static Var pad(Var a, int[] pads, PadMode mode, double value) {
        if (pads.length % 2 != 0 || pads.length / 2 > a.value().rank()) {
            throw new astrograd.tensor.ShapeException("pad: pads " + java.util.Arrays.toString(pads)
                    + " must hold (before, after) pairs for at most " + a.value().rank() + " axes of "
                    + Shape.str(a.shape()));
        }
        Var out = a;
        for (int k = 0; k < pads.length / 2; k++) {
            out = padAxis(out, a.value().rank() - 1 - k, pads[2 * k], pads[2 * k + 1], mode, value);
        }
        return out;
    }

    /**
     * Constant padding passes back the middle of g; the other modes read the input through an index
     * (see {@link PadMode#sourceIndex}) and are differentiated as that index selection.
     */
    static Var padAxis(Var a, int axis, int before, int after, PadMode mode, double value) {
        Tensor z = a.value().pad(axis, before, after, mode, value);
        int ax = Shape.axis("pad", axis, a.value().rank());
        int n = a.shape()[ax];
        if (mode == PadMode.CONSTANT) {
            return Var.make("pad", z, (g, i) -> g.narrow(ax, before, n), a);
        }
        long[] idx = mode.sourceIndex(n, before, after);
        return a.indexSelect(ax, Tensor.of(idx, idx.length).to(a.value().device()));
    }

    /** Each part gets its stretch of g. */
    static Var cat(int axis, Var... parts) {
        Tensor[] values = new Tensor[parts.length];
        for (int k = 0; k < parts.length; k++) {
            values[k] = parts[k].value();
        }
        Tensor z = Tensor.cat(axis, values);
        int ax = Shape.axis("cat", axis, z.rank());
        int[] starts = new int[parts.length];
        for (int k = 1; k < parts.length; k++) {
            starts[k] = starts[k - 1] + values[k - 1].shape()[ax];
        }
        return Var.make("cat", z, (g, i) -> g.narrow(ax, starts[i], values[i].shape()[ax]), parts);
    }

    static Var stack(int axis, Var... parts) {
        if (parts.length == 0) {
            throw new astrograd.tensor.ShapeException("stack: needs at least one tensor");
        }
        int ax = Shape.axis("stack", axis, parts[0].value().rank() + 1);
        Var[] expanded = new Var[parts.length];
        for (int k = 0; k < parts.length; k++) {
            expanded[k] = parts[k].unsqueeze(ax);
        }
        return cat(ax, expanded);
    }

    static List<Var> split(Var a, int size, int axis) {
        int ax = Shape.axis("split", axis, a.value().rank());
        return split(a, a.value().split(size, ax).stream().mapToInt(part -> part.shape()[ax]).toArray(), ax);
    }

    /** Pieces of the given sizes (validated by {@link Tensor#split(int[], int)}), each a narrow of the input. */
    static List<Var> split(Var a, int[] sizes, int axis) {
        int ax = Shape.axis("split", axis, a.value().rank());
        a.value().split(sizes, ax);
        List<Var> out = new ArrayList<>();
        int start = 0;
        for (int len : sizes) {
            out.add(narrow(a, ax, start, len));
            start += len;
        }
        return out;
    }

    static List<Var> chunk(Var a, int chunks, int axis) {
        int ax = Shape.axis("chunk", axis, a.value().rank());
        int n = a.shape()[ax];
        if (chunks < 1) {
            throw new astrograd.tensor.ShapeException("chunk: chunks must be >= 1, got " + chunks);
        }
        return split(a, Math.max(1, (n + chunks - 1) / chunks), ax);
    }
}
