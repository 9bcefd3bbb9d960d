package astrograd.tensor.optable;

import astrograd.tensor.DType;
import astrograd.tensor.ops.PadMode;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Plain float64 reference implementations: loops over {@link Nd} arrays, written independently of the
 * astrograd code under test.
 */
final class Ref {
    private Ref() {
    }

    // ---------------------------------------------------------------- elementwise

    static Nd map(Nd x, DType out, DoubleUnaryOperator f) {
        double[] v = new double[x.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(x.data[i]);
        }
        return new Nd(out, x.shape, v);
    }

    /** NumPy broadcast shape of several shapes (the inputs are assumed compatible). */
    static int[] broadcastShape(int[]... shapes) {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int o = rank - s.length + i;
                if (s[i] != 1) {
                    out[o] = s[i];
                }
            }
        }
        return out;
    }

    /** The element of {@code x} that a broadcast output index {@code outIdx} reads. */
    static double broadcastGet(Nd x, int[] outIdx) {
        int lead = outIdx.length - x.rank();
        int flat = 0;
        for (int i = 0; i < x.rank(); i++) {
            int j = x.shape[i] == 1 ? 0 : outIdx[lead + i];
            flat = flat * x.shape[i] + j;
        }
        return x.data[flat];
    }

    static Nd broadcastTo(Nd x, int[] shape) {
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = broadcastGet(x, Nd.unravel(i, shape));
        }
        return new Nd(x.dtype, shape, v);
    }

    static Nd zip(Nd a, Nd b, DType out, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.shape, b.shape);
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            int[] idx = Nd.unravel(i, shape);
            v[i] = f.applyAsDouble(broadcastGet(a, idx), broadcastGet(b, idx));
        }
        return new Nd(out, shape, v);
    }

    static Nd where(Nd cond, Nd a, Nd b) {
        int[] shape = broadcastShape(cond.shape, a.shape, b.shape);
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            int[] idx = Nd.unravel(i, shape);
            v[i] = broadcastGet(cond, idx) != 0 ? broadcastGet(a, idx) : broadcastGet(b, idx);
        }
        return new Nd(a.dtype, shape, v);
    }

    static double bool(boolean b) {
        return b ? 1 : 0;
    }

    // ---------------------------------------------------------------- reductions

    static int norm(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * Applies {@code f} to each group of elements sharing the kept axes; the group lists the reduced
     * elements in row-major order of the reduced axes. Empty {@code axes} reduces everything.
     */
    static Nd reduce(Nd x, int[] axes, boolean keep, DType out, ToDoubleFunction<double[]> f) {
        boolean[] red = new boolean[x.rank()];
        for (int a : axes) {
            red[norm(a, x.rank())] = true;
        }
        if (axes.length == 0) {
            Arrays.fill(red, true);
        }
        int groupSize = 1;
        for (int i = 0; i < x.rank(); i++) {
            groupSize *= red[i] ? x.shape[i] : 1;
        }
        int[] keptShape = new int[x.rank()];
        int[] groupShape = new int[x.rank()];
        for (int i = 0; i < x.rank(); i++) {
            keptShape[i] = red[i] ? 1 : x.shape[i];
            groupShape[i] = red[i] ? x.shape[i] : 1;
        }
        double[] v = new double[Nd.numel(keptShape)];
        double[] group = new double[groupSize];
        for (int o = 0; o < v.length; o++) {
            int[] base = Nd.unravel(o, keptShape);
            for (int g = 0; g < groupSize; g++) {
                int[] gi = Nd.unravel(g, groupShape);
                int[] idx = new int[x.rank()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = red[i] ? gi[i] : base[i];
                }
                group[g] = x.get(idx);
            }
            v[o] = f.applyAsDouble(group);
        }
        int[] shape = keep ? keptShape : dropped(x.shape, red);
        return new Nd(out, shape, v);
    }

    private static int[] dropped(int[] shape, boolean[] red) {
        return java.util.stream.IntStream.range(0, shape.length).filter(i -> !red[i]).map(i -> shape[i]).toArray();
    }

    static double sum(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s;
    }

    static double prod(double[] g) {
        double s = 1;
        for (double v : g) {
            s *= v;
        }
        return s;
    }

    static double max(double[] g) {
        return Arrays.stream(g).max().orElse(Double.NaN);
    }

    static double min(double[] g) {
        return Arrays.stream(g).min().orElse(Double.NaN);
    }

    static double var(double[] g, boolean unbiased) {
        double mean = sum(g) / g.length;
        double ss = 0;
        for (double v : g) {
            ss += (v - mean) * (v - mean);
        }
        return ss / (unbiased ? g.length - 1 : g.length);
    }

    static double logsumexp(double[] g) {
        double m = max(g);
        double s = 0;
        for (double v : g) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** Index of the first largest ({@code sign} = 1) or first smallest ({@code sign} = -1) element. */
    static double argBest(double[] g, int sign) {
        int best = 0;
        for (int i = 1; i < g.length; i++) {
            if (sign * g[i] > sign * g[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Replaces every line along {@code axis} by {@code f(line)} (which may change its length). */
    static Nd alongAxis(Nd x, int axis, UnaryOperator<double[]> f) {
        int a = norm(axis, x.rank());
        int n = x.shape[a];
        int[] outer = x.shape.clone();
        outer[a] = 1;
        int lines = Nd.numel(outer);
        double[][] results = new double[lines][];
        for (int l = 0; l < lines; l++) {
            int[] idx = Nd.unravel(l, outer);
            double[] line = new double[n];
            for (int i = 0; i < n; i++) {
                idx[a] = i;
                line[i] = x.get(idx);
            }
            results[l] = f.apply(line);
        }
        int[] shape = x.shape.clone();
        shape[a] = lines > 0 ? results[0].length : f.apply(new double[n]).length;
        double[] v = new double[Nd.numel(shape)];
        for (int l = 0; l < lines; l++) {
            int[] idx = Nd.unravel(l, outer);
            for (int i = 0; i < shape[a]; i++) {
                idx[a] = i;
                v[Nd.ravel(idx, shape)] = results[l][i];
            }
        }
        return new Nd(x.dtype, shape, v);
    }

    static double[] cumsum(double[] line) {
        double[] out = new double[line.length];
        double s = 0;
        for (int i = 0; i < line.length; i++) {
            s += line[i];
            out[i] = s;
        }
        return out;
    }

    static double[] softmax(double[] line, boolean log) {
        double lse = logsumexp(line);
        double[] out = new double[line.length];
        for (int i = 0; i < line.length; i++) {
            out[i] = log ? line[i] - lse : Math.exp(line[i] - lse);
        }
        return out;
    }

    // ---------------------------------------------------------------- movement

    static double[] roll(double[] line, int shift) {
        int n = line.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = line[Math.floorMod(i - shift, n)];
        }
        return out;
    }

    static double[] reverse(double[] line) {
        double[] out = new double[line.length];
        for (int i = 0; i < line.length; i++) {
            out[i] = line[line.length - 1 - i];
        }
        return out;
    }

    static double[] range(double[] line, int start, int length) {
        return Arrays.copyOfRange(line, start, start + length);
    }

    /** Pads one line; non-constant modes follow the documented index arithmetic (periodic for long pads). */
    static double[] pad(double[] line, int before, int after, PadMode mode, double value) {
        int n = line.length;
        double[] out = new double[n + before + after];
        for (int i = 0; i < out.length; i++) {
            int src = i - before;
            if (src >= 0 && src < n) {
                out[i] = line[src];
                continue;
            }
            switch (mode) {
                case CONSTANT: out[i] = value; break; // the caller rounds value to the dtype
                case CIRCULAR: out[i] = line[Math.floorMod(src, n)]; break;
                case REPLICATE: out[i] = line[Math.max(0, Math.min(n - 1, src))]; break;
                default: {
                    int period = 2 * (n - 1);
                    int j = Math.floorMod(src, period);
                    out[i] = line[j < n ? j : period - j];
                }
            }
        }
        return out;
    }

    /** PyTorch-convention pads: (before, after) pairs starting from the last axis. */
    static Nd pad(Nd x, int[] pads, PadMode mode, double value) {
        double v = Nd.roundTo(x.dtype, value);
        Nd out = x;
        for (int p = 0; p < pads.length / 2; p++) {
            int before = pads[2 * p];
            int after = pads[2 * p + 1];
            out = alongAxis(out, x.rank() - 1 - p, line -> pad(line, before, after, mode, v));
        }
        return out;
    }

    static Nd cat(int axis, Nd... parts) {
        int a = norm(axis, parts[0].rank());
        int[] shape = parts[0].shape.clone();
        shape[a] = 0;
        for (Nd p : parts) {
            shape[a] += p.shape[a];
        }
        double[] v = new double[Nd.numel(shape)];
        int start = 0;
        for (Nd p : parts) {
            for (int i = 0; i < p.numel(); i++) {
                int[] idx = Nd.unravel(i, p.shape);
                idx[a] += start;
                v[Nd.ravel(idx, shape)] = p.data[i];
            }
            start += p.shape[a];
        }
        return new Nd(parts[0].dtype, shape, v);
    }

    static Nd unsqueeze(Nd x, int axis) {
        int a = axis < 0 ? axis + x.rank() + 1 : axis;
        int[] shape = new int[x.rank() + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == a ? 1 : x.shape[j++];
        }
        return new Nd(x.dtype, shape, x.data.clone());
    }

    static Nd stack(int axis, Nd... parts) {
        Nd[] u = new Nd[parts.length];
        for (int i = 0; i < parts.length; i++) {
            u[i] = unsqueeze(parts[i], axis);
        }
        return cat(axis, u);
    }

    static Nd narrow(Nd x, int axis, int start, int length) {
        return alongAxis(x, axis, line -> range(line, start, length));
    }

    // ---------------------------------------------------------------- indexing

    /** {@code out[i] = x[i with axis replaced by index[i]]}; output has the index's shape. */
    static Nd gather(Nd x, int axis, Nd index) {
        int a = norm(axis, x.rank());
        double[] v = new double[index.numel()];
        for (int i = 0; i < v.length; i++) {
            int[] idx = Nd.unravel(i, index.shape);
            idx[a] = (int) index.data[i];
            v[i] = x.get(idx);
        }
        return new Nd(x.dtype, index.shape, v);
    }

    static Nd scatterAdd(Nd x, int axis, Nd index, Nd src) {
        int a = norm(axis, x.rank());
        double[] v = x.data.clone();
        for (int i = 0; i < index.numel(); i++) {
            int[] idx = Nd.unravel(i, index.shape);
            double s = src.get(idx);
            idx[a] = (int) index.data[i];
            v[Nd.ravel(idx, x.shape)] += s;
        }
        return new Nd(x.dtype, x.shape, v);
    }

    static Nd indexSelect(Nd x, int axis, Nd index) {
        int a = norm(axis, x.rank());
        int n = x.shape[a];
        return alongAxis(x, a, line -> {
            double[] out = new double[index.numel()];
            for (int i = 0; i < out.length; i++) {
                out[i] = line[Math.floorMod((int) index.data[i], n)];
            }
            return out;
        });
    }

    static Nd oneHot(Nd x, int classes) {
        int[] shape = Arrays.copyOf(x.shape, x.rank() + 1);
        shape[x.rank()] = classes;
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < x.numel(); i++) {
            v[i * classes + (int) x.data[i]] = 1;
        }
        return new Nd(DType.F32, shape, v);
    }

    static Nd maskedFill(Nd x, Nd mask, double value) {
        double[] v = x.data.clone();
        for (int i = 0; i < v.length; i++) {
            if (broadcastGet(mask, Nd.unravel(i, x.shape)) != 0) {
                v[i] = Nd.roundTo(x.dtype, value);
            }
        }
        return new Nd(x.dtype, x.shape, v);
    }

    /** NumPy matmul: 1-d operands promoted to a row / column, batch axes broadcast. */
    static Nd matmul(Nd a, Nd b) {
        Nd a2 = a.rank() == 1 ? unsqueeze(a, 0) : a;
        Nd b2 = b.rank() == 1 ? unsqueeze(b, 1) : b;
        int m = a2.shape[a2.rank() - 2];
        int k = a2.shape[a2.rank() - 1];
        int n = b2.shape[b2.rank() - 1];
        int[] batch = broadcastShape(Arrays.copyOf(a2.shape, a2.rank() - 2), Arrays.copyOf(b2.shape, b2.rank() - 2));
        int nb = Nd.numel(batch);
        double[] v = new double[nb * m * n];
        for (int bi = 0; bi < nb; bi++) {
            int[] bidx = Nd.unravel(bi, batch);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += broadcastGet(a2, with(bidx, i, p)) * broadcastGet(b2, with(bidx, p, j));
                    }
                    v[(bi * m + i) * n + j] = s;
                }
            }
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        Nd out = new Nd(a.dtype, shape, v);
        int[] finalShape = out.shape;
        if (a.rank() == 1) {
            finalShape = removeAxis(finalShape, finalShape.length - 2);
        }
        if (b.rank() == 1) {
            finalShape = removeAxis(finalShape, finalShape.length - 1);
        }
        return new Nd(a.dtype, finalShape, v);
    }

    private static int[] with(int[] batch, int r, int c) {
        int[] idx = Arrays.copyOf(batch, batch.length + 2);
        idx[batch.length] = r;
        idx[batch.length + 1] = c;
        return idx;
    }

    private static int[] removeAxis(int[] s, int a) {
        int[] out = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != a) {
                out[j++] = s[i];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- special functions

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * erf by the all-positive series {@code erf x = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (1*3*...*(2n+1))}
     * (no cancellation), accurate to a few ulp for |x| <= 5; beyond, 1 - erf is below 2e-12.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax > 6) {
            return Math.signum(x);
        }
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 500 && term > sum * 1e-18; n++) {
            term *= 2 * ax * ax / (2 * n + 1);
            sum += term;
        }
        return Math.signum(x) * 2 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum;
    }

    /**
     * ψ(x) = d/dx log Γ(x): reflection {@code ψ(1 - x) - pi / tan(pi x)} below 0.5, the recurrence
     * {@code ψ(x) = ψ(x + 1) - 1/x} up to x >= 20, then {@code log x - 1/(2x) - Σ B_2k / (2k x^2k)}.
     */
    static double digamma(double x) {
        if (x < 0.5) {
            return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
        }
        double acc = 0;
        while (x < 20) {
            acc -= 1 / x;
            x += 1;
        }
        double x2 = 1 / (x * x);
        double series = x2 / 12 - x2 * x2 / 120 + x2 * x2 * x2 / 252 - x2 * x2 * x2 * x2 / 240;
        return acc + Math.log(x) - 0.5 / x - series;
    }

    /**
     * log|Γ(x)|: reflection {@code log(pi / |sin(pi x)|) - lgamma(1 - x)} below 0.5, the recurrence
     * {@code lgamma(x) = lgamma(x + N) - log(x (x+1) ... (x+N-1))} up to x + N >= 20, then Stirling's series.
     */
    static double lgamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        double shift = 0;
        double z = x;
        double prod = 1;
        while (z < 20) {
            prod *= z;
            z += 1;
        }
        shift = Math.log(prod);
        double z2 = 1 / (z * z);
        double series = (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 * (1.0 / 1680 - z2 / 1188)))) / z;
        return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }
}
