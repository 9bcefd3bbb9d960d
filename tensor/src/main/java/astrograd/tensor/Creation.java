package astrograd.tensor;

import java.lang.reflect.Array;

/** Builders behind the static factories of {@link Tensor}. */
final class Creation {
    private Creation() {
    }

    static Tensor fromFlat(Object flat, DType dtype, int length, int[] shape) {
        int[] s = Shape.check("of", shape);
        if (Shape.numel(s) != length) {
            throw new ShapeException("of: " + length + " values cannot fill shape " + Shape.str(s)
                    + " (" + Shape.numel(s) + " elements)");
        }
        return new Tensor(Backends.cpu().upload(flat, dtype), s);
    }

    /** From a rectangular nested float[]... or double[]... array. */
    static Tensor fromNested(Object nested, DType dtype) {
        int rank = 0;
        for (Class<?> c = nested.getClass(); c.isArray(); c = c.getComponentType()) {
            rank++;
        }
        int[] shape = new int[rank];
        Object level = nested;
        for (int d = 0; d < rank; d++) {
            shape[d] = Array.getLength(level);
            if (shape[d] == 0) {
                break;
            }
            level = Array.get(level, 0);
        }
        int n = Shape.numel(shape);
        Object flat = dtype == DType.F32 ? new float[n] : new double[n];
        int[] pos = {0};
        flatten(nested, shape, 0, flat, pos);
        return new Tensor(Backends.cpu().upload(flat, dtype), shape);
    }

    private static void flatten(Object level, int[] shape, int depth, Object flat, int[] pos) {
        int len = Array.getLength(level);
        if (len != shape[depth]) {
            throw new ShapeException("of: ragged array: axis " + depth + " has lengths " + shape[depth] + " and " + len);
        }
        if (depth == shape.length - 1) {
            System.arraycopy(level, 0, flat, pos[0], len);
            pos[0] += len;
            return;
        }
        for (int i = 0; i < len; i++) {
            flatten(Array.get(level, i), shape, depth + 1, flat, pos);
        }
    }

    static Tensor arange(double start, double end, double step, DType dtype) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        double count = Math.ceil((end - start) / step);
        if (count > Integer.MAX_VALUE - 16) {
            throw new ShapeException("arange: " + count + " elements is too many");
        }
        int n = (int) Math.max(0, count);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return Tensor.of(v, n).to(dtype);
    }

    static Tensor linspace(double start, double end, int steps, DType dtype) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        }
        double[] v = new double[steps];
        double delta = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            // symmetric formula keeps the last value exactly at end
            v[i] = i < steps / 2 ? start + i * delta : end - (steps - 1 - i) * delta;
        }
        return Tensor.of(v, steps).to(dtype);
    }

    static Tensor eye(int n, DType dtype) {
        if (n < 0) {
            throw new ShapeException("eye: size must be >= 0, got " + n);
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        return Tensor.of(v, n, n).to(dtype);
    }
}
