package astrograd.tensor;

import astrograd.tensor.ops.PadMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Joining, splitting, padding and rolling, written from views, copies and index selection. */
final class Joins {
    private Joins() {
    }

    static Tensor cat(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new ShapeException("cat: needs at least one tensor");
        }
        Tensor first = parts[0];
        int a = Shape.axis("cat", axis, first.rank());
        int[] shape = first.shape();
        int total = 0;
        DType dtype = first.dtype();
        for (int i = 0; i < parts.length; i++) {
            Tensor p = parts[i];
            checkJoinable("cat", first, p, i, a);
            total += p.shape()[a];
            dtype = DType.promote(dtype, p.dtype());
        }
        shape[a] = total;
        Backend be = first.backend();
        Tensor out = new Tensor(be.allocateUninitialized(dtype, Shape.numel(shape)), shape);
        int at = 0;
        for (Tensor p : parts) {
            int len = p.shape()[a];
            if (len > 0) {
                be.copyInto(p, out.narrow(a, at, len));
            }
            at += len;
        }
        return out;
    }

    private static void checkJoinable(String op, Tensor first, Tensor p, int index, int axis) {
        if (!p.device().equals(first.device())) {
            throw new DeviceException(op + ": tensor " + index + " is on " + p.device() + ", tensor 0 on " + first.device());
        }
        if (p.rank() != first.rank()) {
            throw new ShapeException(op + ": tensor " + index + " has shape " + Shape.str(p.shape())
                    + ", tensor 0 has " + Shape.str(first.shape()) + " (ranks differ)");
        }
        for (int d = 0; d < p.rank(); d++) {
            if (d != axis && p.shape()[d] != first.shape()[d]) {
                throw new ShapeException(op + ": tensor " + index + " has shape " + Shape.str(p.shape())
                        + ", tensor 0 has " + Shape.str(first.shape()) + ": axis " + d + " differs");
            }
        }
    }

    static Tensor stack(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new ShapeException("stack: needs at least one tensor");
        }
        int a = Shape.axis("stack", axis, parts[0].rank() + 1);
        Tensor[] expanded = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new ShapeException("stack: tensor " + i + " has shape " + Shape.str(parts[i].shape())
                        + ", tensor 0 has " + Shape.str(parts[0].shape()));
            }
            expanded[i] = parts[i].unsqueeze(a);
        }
        return cat(a, expanded);
    }

    static List<Tensor> split(Tensor x, int size, int axis) {
        int a = Shape.axis("split", axis, x.rank());
        if (size < 1) {
            throw new ShapeException("split: size must be >= 1, got " + size);
        }
        int n = x.shape()[a];
        List<Tensor> out = new ArrayList<>();
        for (int s = 0; s < n; s += size) {
            out.add(x.narrow(a, s, Math.min(size, n - s)));
        }
        if (n == 0) {
            out.add(x);
        }
        return out;
    }

    static List<Tensor> split(Tensor x, int[] sizes, int axis) {
        int a = Shape.axis("split", axis, x.rank());
        int sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new ShapeException("split: negative size in " + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != x.shape()[a]) {
            throw new ShapeException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum
                    + ", but axis " + axis + " of " + Shape.str(x.shape()) + " has " + x.shape()[a]);
        }
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(x.narrow(a, at, s));
            at += s;
        }
        return out;
    }

    static List<Tensor> chunk(Tensor x, int chunks, int axis) {
        if (chunks < 1) {
            throw new ShapeException("chunk: chunks must be >= 1, got " + chunks);
        }
        int n = x.shape()[Shape.axis("chunk", axis, x.rank())];
        return split(x, Math.max(1, (n + chunks - 1) / chunks), axis);
    }

    static Tensor roll(Tensor x, int shift, int axis) {
        int a = Shape.axis("roll", axis, x.rank());
        int n = x.shape()[a];
        if (n == 0) {
            return x;
        }
        int s = Math.floorMod(shift, n);
        if (s == 0) {
            return x;
        }
        return cat(a, new Tensor[] {x.narrow(a, n - s, s), x.narrow(a, 0, n - s)});
    }

    static Tensor pad(Tensor x, int[] pads, PadMode mode, double value) {
        if (pads.length % 2 != 0 || pads.length / 2 > x.rank()) {
            throw new ShapeException("pad: pads " + Arrays.toString(pads) + " must hold (before, after) pairs for at most "
                    + x.rank() + " axes of " + Shape.str(x.shape()));
        }
        Tensor out = x;
        for (int i = 0; i < pads.length / 2; i++) {
            out = padAxis(out, x.rank() - 1 - i, pads[2 * i], pads[2 * i + 1], mode, value);
        }
        return out;
    }

    static Tensor padAxis(Tensor x, int axis, int before, int after, PadMode mode, double value) {
        int a = Shape.axis("pad", axis, x.rank());
        if (before < 0 || after < 0) {
            throw new ShapeException("pad: amounts must be >= 0, got (" + before + ", " + after + ") for axis " + axis);
        }
        int n = x.shape()[a];
        if (mode == PadMode.CONSTANT) {
            int[] shape = x.shape();
            shape[a] = n + before + after;
            Tensor out = x.backend().full(x.dtype(), shape, value);
            x.backend().copyInto(x, out.narrow(a, before, n));
            return out;
        }
        if (n == 0 && before + after > 0) {
            throw new ShapeException("pad: " + mode + " padding of axis " + axis + " needs a non-empty axis, shape "
                    + Shape.str(x.shape()));
        }
        if (mode == PadMode.REFLECT && n == 1 && before + after > 0) {
            throw new ShapeException("pad: REFLECT padding of axis " + axis + " needs at least 2 elements, shape "
                    + Shape.str(x.shape()));
        }
        long[] idx = mode.sourceIndex(n, before, after);
        return x.indexSelect(a, Tensor.of(idx, idx.length).to(x.device()));
    }
}
