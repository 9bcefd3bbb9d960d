package astrograd.tensor;

import java.util.Arrays;

/** Movement ops that return views sharing storage (reshape falls back to a copy when it must). */
final class Views {
    private Views() {
    }

    static Tensor reshape(Tensor x, int[] requested) {
        int[] shape = inferShape(x, requested);
        int[] strides = viewStrides(x.shape(), x.strides(), shape);
        if (strides != null) {
            return new Tensor(x.storage(), shape, strides, x.offset());
        }
        Tensor c = x.contiguous();
        return new Tensor(c.storage(), shape, Shape.contiguousStrides(shape), c.offset());
    }

    private static int[] inferShape(Tensor x, int[] requested) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: only one size may be -1 in " + Arrays.toString(requested));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new ShapeException("reshape: negative size in " + Arrays.toString(requested));
            } else {
                known *= shape[i];
            }
        }
        int n = x.numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new ShapeException("reshape: cannot infer -1 in " + Arrays.toString(requested)
                        + " for " + n + " elements of shape " + Shape.str(x.shape()));
            }
            shape[infer] = (int) (n / known);
        } else if (known != n) {
            throw new ShapeException("reshape: shape " + Shape.str(x.shape()) + " (" + n
                    + " elements) cannot become " + Arrays.toString(requested) + " (" + known + " elements)");
        }
        return shape;
    }

    /**
     * Strides that let {@code newShape} view the same elements, or null if a copy is needed. Old axes
     * are walked from the last in chunks that are contiguous among themselves; each chunk must be covered
     * by whole new axes, which then get strides within the chunk.
     */
    private static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        if (Shape.numel(oldShape) == 0 || oldShape.length == 0) {
            return Shape.contiguousStrides(newShape);
        }
        int[] out = new int[newShape.length];
        int vd = newShape.length - 1;
        long chunkStride = oldStrides[oldShape.length - 1];
        long oldNumel = 1;
        long newNumel = 1;
        for (int od = oldShape.length - 1; od >= 0; od--) {
            oldNumel *= oldShape[od];
            boolean chunkEnds = od == 0
                    || (oldShape[od - 1] != 1 && oldStrides[od - 1] != oldNumel * chunkStride);
            if (!chunkEnds) {
                continue;
            }
            while (vd >= 0 && (newNumel < oldNumel || newShape[vd] == 1)) {
                out[vd] = (int) (newNumel * chunkStride);
                newNumel *= newShape[vd];
                vd--;
            }
            if (newNumel != oldNumel) {
                return null;
            }
            if (od > 0) {
                chunkStride = oldStrides[od - 1];
                oldNumel = 1;
                newNumel = 1;
            }
        }
        return vd == -1 ? out : null;
    }

    static Tensor permute(Tensor x, int[] axes) {
        int r = x.rank();
        if (axes.length != r) {
            throw new ShapeException("permute: " + Arrays.toString(axes) + " has " + axes.length
                    + " axes for a tensor of rank " + r);
        }
        int[] norm = Shape.axes("permute", axes, r);
        if (norm.length != r) {
            throw new ShapeException("permute: " + Arrays.toString(axes) + " is not a permutation");
        }
        int[] shape = x.shape();
        int[] strides = x.strides();
        int[] ns = new int[r];
        int[] nt = new int[r];
        for (int i = 0; i < r; i++) {
            int a = Shape.axis("permute", axes[i], r);
            ns[i] = shape[a];
            nt[i] = strides[a];
        }
        return new Tensor(x.storage(), ns, nt, x.offset());
    }

    static Tensor transpose(Tensor x, int a, int b) {
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        int aa = Shape.axis("transpose", a, r);
        int bb = Shape.axis("transpose", b, r);
        perm[aa] = bb;
        perm[bb] = aa;
        return permute(x, perm);
    }

    static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        int a = Shape.axis("slice", axis, x.rank());
        if (step < 1) {
            throw new ShapeException("slice: step must be >= 1 (use flip to reverse), got " + step);
        }
        int n = x.shape()[a];
        int s = clampIndex(start, n);
        int e = clampIndex(end, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] shape = x.shape();
        int[] strides = x.strides();
        int offset = x.offset() + (len > 0 ? s * strides[a] : 0);
        shape[a] = len;
        strides[a] = strides[a] * step;
        return new Tensor(x.storage(), shape, strides, offset);
    }

    private static int clampIndex(int i, int n) {
        int v = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, v));
    }

    static Tensor narrow(Tensor x, int axis, int start, int length) {
        int a = Shape.axis("narrow", axis, x.rank());
        int n = x.shape()[a];
        if (start < 0 || length < 0 || start + length > n) {
            throw new ShapeException("narrow: start " + start + " and length " + length
                    + " do not fit axis " + axis + " of size " + n + " in shape " + Shape.str(x.shape()));
        }
        int[] shape = x.shape();
        int[] strides = x.strides();
        shape[a] = length;
        return new Tensor(x.storage(), shape, strides, x.offset() + (length > 0 ? start * strides[a] : 0));
    }

    static Tensor select(Tensor x, int axis, int index) {
        int a = Shape.axis("select", axis, x.rank());
        int n = x.shape()[a];
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new ShapeException("select: index " + index + " is out of range for axis " + axis
                    + " of size " + n + " in shape " + Shape.str(x.shape()));
        }
        int[] shape = x.shape();
        int[] strides = x.strides();
        int offset = x.offset() + i * strides[a];
        return new Tensor(x.storage(), remove(shape, a), remove(strides, a), offset);
    }

    static Tensor expand(Tensor x, int[] target) {
        int r = x.rank();
        if (target.length < r) {
            throw new ShapeException("expand: target " + Arrays.toString(target) + " has lower rank than "
                    + Shape.str(x.shape()));
        }
        int[] shape = x.shape();
        int[] strides = x.strides();
        int[] ns = new int[target.length];
        int[] nt = new int[target.length];
        int lead = target.length - r;
        for (int i = 0; i < target.length; i++) {
            int t = target[i];
            if (i < lead) {
                if (t < 0) {
                    throw new ShapeException("expand: -1 is not allowed for new leading axis " + i);
                }
                ns[i] = t;
                nt[i] = 0;
                continue;
            }
            int s = shape[i - lead];
            if (t == -1 || t == s) {
                ns[i] = s;
                nt[i] = strides[i - lead];
            } else if (s == 1 && t >= 0) {
                ns[i] = t;
                nt[i] = 0;
            } else {
                throw new ShapeException("expand: shape " + Shape.str(x.shape()) + " cannot expand to "
                        + Arrays.toString(target) + ": axis " + i + " has size " + s + ", not 1");
            }
        }
        return new Tensor(x.storage(), ns, nt, x.offset());
    }

    static Tensor broadcastTo(Tensor x, int[] target) {
        int[] b = Shape.broadcast("broadcastTo", x.shape(), target);
        if (!Arrays.equals(b, target)) {
            throw new ShapeException("broadcastTo: shape " + Shape.str(x.shape()) + " cannot broadcast to "
                    + Arrays.toString(target));
        }
        return Arrays.equals(x.shape(), target) ? x : expand(x, target);
    }

    static Tensor squeeze(Tensor x) {
        int[] shape = x.shape();
        int[] strides = x.strides();
        int keep = 0;
        for (int s : shape) {
            keep += s == 1 ? 0 : 1;
        }
        int[] ns = new int[keep];
        int[] nt = new int[keep];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                ns[j] = shape[i];
                nt[j++] = strides[i];
            }
        }
        return new Tensor(x.storage(), ns, nt, x.offset());
    }

    static Tensor squeeze(Tensor x, int axis) {
        int a = Shape.axis("squeeze", axis, x.rank());
        if (x.shape()[a] != 1) {
            throw new ShapeException("squeeze: axis " + axis + " of shape " + Shape.str(x.shape()) + " has size "
                    + x.shape()[a] + ", not 1");
        }
        return new Tensor(x.storage(), remove(x.shape(), a), remove(x.strides(), a), x.offset());
    }

    static Tensor unsqueeze(Tensor x, int axis) {
        int a = Shape.axis("unsqueeze", axis, x.rank() + 1);
        int[] shape = x.shape();
        int[] strides = x.strides();
        int stride = a < shape.length ? strides[a] * shape[a] : 1;
        return new Tensor(x.storage(), insert(shape, a, 1), insert(strides, a, stride), x.offset());
    }

    static Tensor flip(Tensor x, int[] axes) {
        int[] norm = Shape.axes("flip", axes, x.rank());
        if (axes.length == 0) {
            norm = new int[0];
        }
        int[] shape = x.shape();
        int[] strides = x.strides();
        int offset = x.offset();
        for (int a : norm) {
            if (shape[a] > 0) {
                offset += (shape[a] - 1) * strides[a];
            }
            strides[a] = -strides[a];
        }
        return new Tensor(x.storage(), shape, strides, offset);
    }

    static Tensor flatten(Tensor x, int start, int end) {
        int r = x.rank();
        if (r == 0) {
            return x.reshape(1);
        }
        int s = Shape.axis("flatten", start, r);
        int e = Shape.axis("flatten", end, r);
        if (s > e) {
            throw new ShapeException("flatten: start axis " + start + " comes after end axis " + end);
        }
        int[] shape = x.shape();
        int[] ns = new int[r - (e - s)];
        int j = 0;
        for (int i = 0; i < s; i++) {
            ns[j++] = shape[i];
        }
        int prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= shape[i];
        }
        ns[j++] = prod;
        for (int i = e + 1; i < r; i++) {
            ns[j++] = shape[i];
        }
        return x.reshape(ns);
    }

    static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }
}
