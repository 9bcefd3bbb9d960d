package astrograd.inference.sbi.tasks;

import astrograd.inference.sbi.Simulator;
import astrograd.inference.sbi.VectorPrior;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * sbi's own linear-Gaussian test ({@code tests/linearGaussian_snpe_test.py}): {@code θ ~ N(0, I₂)},
 * {@code x | θ ~ N(θ − 1, 0.3·I₂)}. The exact posterior is {@code N((x_o + 1)/1.3, (0.3/1.3)·I)}, covariance
 * 0.2308·I.
 */
public final class LinearGaussian implements Task {
    static final double NOISE_VARIANCE = 0.3;

    @Override
    public String name() {
        return "linear_gaussian";
    }

    @Override
    public VectorPrior prior() {
        return VectorPrior.gaussian(new double[2], new double[] {1, 1});
    }

    @Override
    public Simulator simulator() {
        return (theta, rng) -> theta.to(DType.F64).sub(1)
                .add(rng.normal(DType.F64, 0, Math.sqrt(NOISE_VARIANCE), theta.shape()));
    }

    @Override
    public int dataDim() {
        return 2;
    }

    @Override
    public Tensor referencePosterior(Tensor observation, int n, Rng rng) {
        double variance = NOISE_VARIANCE / (1 + NOISE_VARIANCE);
        Tensor mean = observation.to(DType.F64).reshape(1, 2).add(1).div(1 + NOISE_VARIANCE);
        return rng.normal(DType.F64, 0, Math.sqrt(variance), n, 2).add(mean);
    }
}
