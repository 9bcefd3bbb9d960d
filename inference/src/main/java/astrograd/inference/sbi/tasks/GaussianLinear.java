package astrograd.inference.sbi.tasks;

import astrograd.inference.sbi.Simulator;
import astrograd.inference.sbi.VectorPrior;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * sbibm's gaussian_linear: {@code θ ~ N(0, 0.1·I)}, {@code x | θ ~ N(θ, 0.1·I)} in D = 10 dimensions (0.1 is a
 * variance); the exact posterior is {@code N(x_o / 2, 0.05·I)}.
 */
public final class GaussianLinear implements Task {
    static final double VARIANCE = 0.1;
    private final int dim;

    public GaussianLinear(int dim) {
        this.dim = dim;
    }

    @Override
    public String name() {
        return "gaussian_linear";
    }

    @Override
    public VectorPrior prior() {
        double[] sd = new double[dim];
        Arrays.fill(sd, Math.sqrt(VARIANCE));
        return VectorPrior.gaussian(new double[dim], sd);
    }

    @Override
    public Simulator simulator() {
        return (theta, rng) -> theta.to(DType.F64).add(rng.normal(DType.F64, 0, Math.sqrt(VARIANCE), theta.shape()));
    }

    @Override
    public int dataDim() {
        return dim;
    }

    @Override
    public Tensor referencePosterior(Tensor observation, int n, Rng rng) {
        Tensor mean = observation.to(DType.F64).reshape(1, dim).mul(0.5);
        return rng.normal(DType.F64, 0, Math.sqrt(VARIANCE / 2), n, dim).add(mean);
    }
}
