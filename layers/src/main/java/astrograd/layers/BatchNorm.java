package astrograd.layers;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * Batch normalization over the channel axis 1 (PyTorch's {@code BatchNorm1d} for {@code [N, C]} or
 * {@code [N, C, L]}, {@code BatchNorm2d} for {@code [N, C, H, W]}):
 * {@code y = (x − μ) / sqrt(σ² + ε) · γ + β} per channel.
 * <ul>
 *   <li>Training: μ and σ² are the batch mean and biased variance over every axis but 1; the buffers
 *       are updated as {@code running = (1 − momentum) · running + momentum · stat}, with the
 *       <em>unbiased</em> variance {@code σ² · n / (n − 1)} for {@code running_var}, and
 *       {@code num_batches_tracked} (I64, 0-d) counts the updates.</li>
 *   <li>Evaluation: μ and σ² are {@code running_mean} and {@code running_var}.</li>
 * </ul>
 * Parameters {@code weight} (γ, ones) and {@code bias} (β, zeros) when affine; buffers
 * {@code running_mean} (zeros), {@code running_var} (ones), {@code num_batches_tracked}, named as in
 * PyTorch. Defaults: ε = 1e-5, momentum = 0.1.
 */
public final class BatchNorm extends Module implements Layer {
    private final int features;
    private final int spatialRank;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param spatialRank 1 for BatchNorm1d (inputs of rank 2 or 3), 2 for BatchNorm2d (rank 4), 3 for
     *                    BatchNorm3d (rank 5)
     */
    public BatchNorm(int features, int spatialRank, double eps, double momentum, boolean affine, DType dtype) {
        if (features < 1 || spatialRank < 1 || spatialRank > 3) {
            throw new IllegalArgumentException("BatchNorm: need features >= 1 and spatial rank 1..3, got " + features
                    + " features, rank " + spatialRank);
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm(" + features + "): need eps > 0 and momentum in [0, 1], got eps "
                    + eps + ", momentum " + momentum);
        }
        this.features = features;
        this.spatialRank = spatialRank;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? parameter("weight", Tensor.ones(dtype, features)) : null;
        this.bias = affine ? parameter("bias", Tensor.zeros(dtype, features)) : null;
        buffer("running_mean", Tensor.zeros(dtype, features));
        buffer("running_var", Tensor.ones(dtype, features));
        buffer("num_batches_tracked", Tensor.zeros(DType.I64));
    }

    /** PyTorch's {@code BatchNorm1d(features)}: F32, ε = 1e-5, momentum 0.1, affine. */
    public static BatchNorm batchNorm1d(int features) {
        return new BatchNorm(features, 1, 1e-5, 0.1, true, DType.F32);
    }

    /** PyTorch's {@code BatchNorm2d(features)}: F32, ε = 1e-5, momentum 0.1, affine. */
    public static BatchNorm batchNorm2d(int features) {
        return new BatchNorm(features, 2, 1e-5, 0.1, true, DType.F32);
    }

    /** γ, or null when not affine. */
    public Parameter weight() {
        return weight;
    }

    /** β, or null when not affine. */
    public Parameter bias() {
        return bias;
    }

    public Tensor runningMean() {
        return buffer("running_mean");
    }

    public Tensor runningVar() {
        return buffer("running_var");
    }

    public long numBatchesTracked() {
        return buffer("num_batches_tracked").toLongArray()[0];
    }

    @Override
    public Var forward(Var x) {
        int[] shape = x.value().shape();
        checkInput(shape);
        int[] axes = reducedAxes(shape.length);
        int[] stat = statShape(shape.length);
        Var normalized;
        if (isTraining()) {
            long n = Shape.numel(shape) / features;
            if (n < 2) {
                throw new ShapeException("BatchNorm(" + describe() + "): input " + Shape.str(shape)
                        + " has one value per channel; training needs more than one");
            }
            Var mean = x.mean(axes, true);
            Var centered = x.sub(mean);
            Var var = centered.square().mean(axes, true);
            normalized = centered.mul(var.add(eps).rsqrt());
            updateRunningStats(mean.value(), var.value(), n);
        } else {
            Var mean = Var.constant(runningMean().reshape(stat));
            Var invStd = Var.constant(runningVar().add(eps).rsqrt().reshape(stat));
            normalized = x.sub(mean).mul(invStd);
        }
        if (weight == null) {
            return normalized;
        }
        return normalized.mul(weight.var().reshape(stat)).add(bias.var().reshape(stat));
    }

    private void updateRunningStats(Tensor batchMean, Tensor biasedVar, long n) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor mean = batchMean.reshape(features).to(runningMean().dtype());
            Tensor unbiased = biasedVar.reshape(features).mul((double) n / (n - 1)).to(runningVar().dtype());
            setBuffer("running_mean", runningMean().mul(1 - momentum).add(mean.mul(momentum)));
            setBuffer("running_var", runningVar().mul(1 - momentum).add(unbiased.mul(momentum)));
            setBuffer("num_batches_tracked", Tensor.of(new long[] {numBatchesTracked() + 1}));
        }
    }

    private void checkInput(int[] shape) {
        boolean rankOk = spatialRank == 1 ? shape.length == 2 || shape.length == 3 : shape.length == spatialRank + 2;
        if (!rankOk || shape[1] != features) {
            String expected = spatialRank == 1 ? "[N, " + features + "] or [N, " + features + ", L]"
                    : "[N, " + features + ", " + "spatial ".repeat(spatialRank).trim().replace(" ", ", ") + "]";
            throw new ShapeException(this.getClass().getSimpleName() + "(" + describe() + "): input "
                    + Shape.str(shape) + " must be " + expected);
        }
    }

    private static int[] reducedAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int a = 2; a < rank; a++) {
            axes[a - 1] = a;
        }
        return axes;
    }

    private int[] statShape(int rank) {
        int[] s = new int[rank];
        java.util.Arrays.fill(s, 1);
        s[1] = features;
        return s;
    }

    @Override
    protected String describe() {
        return features + ", " + spatialRank + "d, eps=" + eps + ", momentum=" + momentum + (weight == null ? ", no affine" : "");
    }
}
