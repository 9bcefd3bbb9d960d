package astrograd.layers;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;

/**
 * Seeded weight initializers with PyTorch's fan conventions: for a weight {@code [out, in, k...]},
 * {@code fanIn = in · Πk} and {@code fanOut = out · Πk}; a 1-d tensor has fanIn = fanOut = its length.
 */
public final class Init {
    private Init() {
    }

    /** {@code {fanIn, fanOut}} of a weight shape. */
    public static int[] fans(int... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("init: fans of a 0-d shape are undefined");
        }
        if (shape.length == 1) {
            return new int[] {shape[0], shape[0]};
        }
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        return new int[] {shape[1] * receptive, shape[0] * receptive};
    }

    /** Uniform on [-bound, bound]. */
    public static Tensor uniform(Rng rng, DType dtype, double bound, int... shape) {
        return rng.uniform(dtype, -bound, bound, shape);
    }

    /** Glorot/Xavier uniform: {@code U(-a, a)}, {@code a = gain · sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor glorotUniform(Rng rng, DType dtype, double gain, int... shape) {
        int[] f = fans(shape);
        return uniform(rng, dtype, gain * Math.sqrt(6.0 / (f[0] + f[1])), shape);
    }

    /** Glorot/Xavier normal: {@code N(0, σ²)}, {@code σ = gain · sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor glorotNormal(Rng rng, DType dtype, double gain, int... shape) {
        int[] f = fans(shape);
        return rng.normal(dtype, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), shape);
    }

    /**
     * He/Kaiming uniform: {@code U(-b, b)}, {@code b = gain · sqrt(3 / fan)} with
     * {@code gain = sqrt(2 / (1 + slope²))} for a leaky-ReLU slope (0 for ReLU); fan is fanIn or fanOut.
     */
    public static Tensor heUniform(Rng rng, DType dtype, double slope, boolean fanIn, int... shape) {
        int[] f = fans(shape);
        double gain = Math.sqrt(2.0 / (1 + slope * slope));
        return uniform(rng, dtype, gain * Math.sqrt(3.0 / f[fanIn ? 0 : 1]), shape);
    }

    /** He/Kaiming normal: {@code N(0, σ²)}, {@code σ = gain / sqrt(fan)}. */
    public static Tensor heNormal(Rng rng, DType dtype, double slope, boolean fanIn, int... shape) {
        int[] f = fans(shape);
        double gain = Math.sqrt(2.0 / (1 + slope * slope));
        return rng.normal(dtype, 0, gain / Math.sqrt(f[fanIn ? 0 : 1]), shape);
    }

    /**
     * PyTorch's default for Linear and Conv weights and biases: {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}
     * (kaiming-uniform with slope sqrt(5)); {@code fanIn} is that of the weight.
     */
    public static Tensor torchDefault(Rng rng, DType dtype, int fanIn, int... shape) {
        return uniform(rng, dtype, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0, shape);
    }

    /**
     * A (semi-)orthogonal matrix scaled by gain, viewed as {@code [shape[0], rest]}: the Q factor of a
     * Gaussian matrix by modified Gram–Schmidt in double, columns' signs fixed by R's diagonal.
     */
    public static Tensor orthogonal(Rng rng, DType dtype, double gain, int... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("orthogonal: needs a shape of rank >= 2, got " + Shape.str(shape));
        }
        int rows = shape[0];
        int cols = Shape.numel(shape) / Math.max(rows, 1);
        boolean transposed = rows < cols;
        int n = transposed ? cols : rows;
        int m = transposed ? rows : cols;
        double[] a = rng.randn(DType.F64, n, m).toDoubleArray();
        gramSchmidt(a, n, m);
        Tensor q = Tensor.of(a, n, m);
        if (transposed) {
            q = q.transpose(0, 1).contiguous();
        }
        return q.mul(gain).reshape(shape).to(dtype);
    }

    /** Orthonormalizes the m columns of the row-major n×m matrix in place (n &gt;= m). */
    private static void gramSchmidt(double[] a, int n, int m) {
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += a[i * m + j] * a[i * m + k];
                }
                for (int i = 0; i < n; i++) {
                    a[i * m + j] -= dot * a[i * m + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += a[i * m + j] * a[i * m + j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                a[i * m + j] /= norm;
            }
        }
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return Tensor.zeros(dtype, shape);
    }

    public static Tensor constant(DType dtype, double value, int... shape) {
        return Tensor.full(dtype, value, shape);
    }
}
