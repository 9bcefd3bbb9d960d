package astrograd.inference.sbi;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Parameter;
import astrograd.layers.Sequential;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.Mode;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * Classifier two-sample test as sbibm computes it ({@code sbibm/metrics/c2st.py}): both sample sets are z-scored
 * with the mean and std of the first (X, label 0; Y label 1), an MLP with two hidden layers of {@code 10·D} ReLU
 * units is trained with Adam (lr 1e-3, batches of 200, L2 penalty α = 1e-4 as scikit-learn's MLPClassifier) until
 * the training loss has not improved by 1e-4 for 10 epochs, and the score is the mean held-out accuracy of
 * shuffled 5-fold cross-validation. 0.5: indistinguishable; 1: separable.
 */
public final class C2st {
    /** scikit-learn's defaults. */
    static final int BATCH = 200;
    static final double LEARNING_RATE = 1e-3;
    static final double ALPHA = 1e-4;
    static final double TOL = 1e-4;
    static final int NO_CHANGE = 10;

    private final int folds;
    private final int maxEpochs;

    /** @param maxEpochs cap on epochs per fold (scikit-learn: 10,000, rarely reached) */
    public C2st(int folds, int maxEpochs) {
        if (folds < 2 || maxEpochs < 1) {
            throw new IllegalArgumentException("C2st: need >= 2 folds and >= 1 epoch, got " + folds + ", " + maxEpochs);
        }
        this.folds = folds;
        this.maxEpochs = maxEpochs;
    }

    /** sbibm's settings: 5 folds, at most 10,000 epochs. */
    public static C2st sbibm() {
        return new C2st(5, 10_000);
    }

    /** The mean held-out accuracy of telling rows of X {@code [n, D]} from rows of Y {@code [m, D]}. */
    public double score(Tensor x, Tensor y, long seed) {
        if (x.rank() != 2 || y.rank() != 2 || x.size(1) != y.size(1) || x.size(0) < folds || y.size(0) < folds) {
            throw new IllegalArgumentException("C2st: X " + astrograd.tensor.Shape.str(x.shape()) + " and Y "
                    + astrograd.tensor.Shape.str(y.shape()) + " must be [n, D] and [m, D] with n, m >= " + folds);
        }
        ZScore z = ZScore.fit(x);
        Tensor data = Tensor.cat(0, z.apply(x, DType.F32), z.apply(y, DType.F32));
        checkFinite(data);
        int n = data.size(0);
        Tensor labels = Tensor.cat(0, Tensor.zeros(DType.F32, x.size(0), 1), Tensor.ones(DType.F32, y.size(0), 1));
        Rng rng = new Rng(seed);
        long[] perm = rng.permutation(n).to(DType.I64).toLongArray();
        double sum = 0;
        for (int f = 0; f < folds; f++) {
            int lo = (int) ((long) n * f / folds);
            int hi = (int) ((long) n * (f + 1) / folds);
            long[] test = java.util.Arrays.copyOfRange(perm, lo, hi);
            long[] train = new long[n - (hi - lo)];
            System.arraycopy(perm, 0, train, 0, lo);
            System.arraycopy(perm, hi, train, lo, n - hi);
            Tensor trainIdx = Tensor.of(train, train.length);
            Tensor testIdx = Tensor.of(test, test.length);
            Sequential mlp = fit(data.indexSelect(0, trainIdx), labels.indexSelect(0, trainIdx), rng.split());
            sum += accuracy(mlp, data.indexSelect(0, testIdx), labels.indexSelect(0, testIdx));
        }
        return sum / folds;
    }

    private static void checkFinite(Tensor data) {
        for (double v : data.to(DType.F64).toDoubleArray()) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("C2st: the samples contain NaN or infinite values");
            }
        }
    }

    private Sequential fit(Tensor data, Tensor labels, Rng rng) {
        int dim = data.size(1);
        int h = 10 * dim;
        Sequential mlp = new Sequential(new Linear(dim, h, true, DType.F32, rng.split()), Activation.relu(),
                new Linear(h, h, true, DType.F32, rng.split()), Activation.relu(),
                new Linear(h, 1, true, DType.F32, rng.split()));
        DataLoader loader = new DataLoader(new TensorDataset(data, labels), Math.min(BATCH, data.size(0)), rng.split(),
                false);
        new Trainer(mlp, new Adam(mlp.parameters(), LEARNING_RATE), batch -> loss(mlp, batch.get(0), batch.get(1)))
                .callback(new EarlyStopping("loss", Mode.MIN, NO_CHANGE + 1, TOL))
                .fit(loader, maxEpochs);
        return mlp;
    }

    /** Binary cross-entropy plus scikit-learn's {@code ½ α Σ W² / batch}. */
    private static Var loss(Sequential mlp, Tensor x, Tensor y) {
        Var loss = Losses.bceWithLogits(mlp.forward(Var.constant(x)), Var.constant(y), Reduction.MEAN);
        Var penalty = null;
        for (Parameter p : mlp.parameters()) {
            if (p.value().rank() == 2) {
                Var sq = p.var().square().sum();
                penalty = penalty == null ? sq : penalty.add(sq);
            }
        }
        return loss.add(penalty.mul(0.5 * ALPHA / x.size(0)));
    }

    private static double accuracy(Sequential mlp, Tensor x, Tensor y) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor predicted = mlp.forward(Var.constant(x)).value().gt(0.0).to(DType.F32);
            return predicted.eq(y).to(DType.F64).mean().item();
        }
    }
}
