package astrograd.inference.sbi;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * Per-dimension z-scoring {@code z = (v − mean) / std} fitted on training data only (sbi's "independent"
 * z-scoring; a std below 1e-14 is replaced by 1 as sbi does, so constant features pass through centred).
 * For densities, {@code log q_θ(θ) = log q_z(z) − Σ_d log std_d}.
 */
public record ZScore(double[] mean, double[] std) {
    public ZScore {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("ZScore: " + mean.length + " means and " + std.length + " stds");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Mean and (unbiased) std of each column of {@code data [n, D]}, n ≥ 2. */
    public static ZScore fit(Tensor data) {
        if (data.rank() != 2 || data.size(0) < 2) {
            throw new IllegalArgumentException("ZScore.fit: need [n >= 2, D] data, got "
                    + astrograd.tensor.Shape.str(data.shape()));
        }
        Tensor d = data.to(DType.F64);
        double[] m = d.mean(new int[] {0}, false).toDoubleArray();
        double[] s = d.std(new int[] {0}, true, false).toDoubleArray();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(m[i]) || !Double.isFinite(s[i])) {
                throw new IllegalArgumentException("ZScore.fit: column " + i + " has NaN or infinite values");
            }
            if (s[i] < 1e-14) {
                s[i] = 1;
            }
        }
        return new ZScore(m, s);
    }

    public int dim() {
        return mean.length;
    }

    /** {@code (v − mean) / std} in the dtype asked. */
    public Tensor apply(Tensor v, DType dtype) {
        return v.to(DType.F64).sub(Tensor.of(mean)).div(Tensor.of(std)).to(dtype);
    }

    /** {@code mean + std · z} in float64. */
    public Tensor invert(Tensor z) {
        return z.to(DType.F64).mul(Tensor.of(std)).add(Tensor.of(mean));
    }

    /** {@code Σ_d log std_d}. */
    public double logScale() {
        double s = 0;
        for (double v : std) {
            s += Math.log(v);
        }
        return s;
    }
}
