package astrograd.astro.retrieval;

import astrograd.autodiff.GradMode;
import astrograd.inference.io.Checkpoint;
import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.layers.optim.ReduceLrOnPlateau;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MARGE-style surrogate of a forward model: {@code y(θ) ≈ S_y⁻¹(MLP(S_θ(θ)))}, with {@link MargeScaler}s
 * {@code S_θ} and {@code S_y} fitted on the training simulations and an MLP of Linear layers with ReLU between them,
 * trained with the mean squared error in the scaled space. After training the weights are copied to double arrays, so
 * {@link #predict} runs without a graph: {@code hₗ = max(0, Wₗ hₗ₋₁ + bₗ)}, the last layer without the ReLU.
 * Immutable after training; {@link #predict} may run on several threads at once.
 */
public final class SpectrumEmulator {
    static final String KIND = "spectrum-emulator";

    private final MargeScaler inScaler;
    private final MargeScaler outScaler;
    private final double[][] weights;
    private final double[][] biases;
    private final int[] widths;
    private final int bestEpoch;
    private final int epochs;

    private SpectrumEmulator(MargeScaler in, MargeScaler out, double[][] weights, double[][] biases, int[] widths,
            int bestEpoch, int epochs) {
        this.inScaler = in;
        this.outScaler = out;
        this.weights = weights;
        this.biases = biases;
        this.widths = widths;
        this.bestEpoch = bestEpoch;
        this.epochs = epochs;
    }

    private SpectrumEmulator(MargeScaler in, MargeScaler out, Sequential mlp, int bestEpoch, int epochs) {
        this.inScaler = in;
        this.outScaler = out;
        List<double[]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        sizes.add(in.columns());
        for (var layer : mlp.layers()) {
            if (layer instanceof Linear l) {
                Tensor wt = l.weight().value().to(DType.F64).contiguous();
                w.add(wt.toDoubleArray());
                b.add(l.bias().value().to(DType.F64).contiguous().toDoubleArray());
                sizes.add(wt.size(0));
            }
        }
        this.weights = w.toArray(new double[0][]);
        this.biases = b.toArray(new double[0][]);
        this.widths = sizes.stream().mapToInt(Integer::intValue).toArray();
        this.bestEpoch = bestEpoch;
        this.epochs = epochs;
    }

    /**
     * Fits scalers and MLP to {@code train}, monitoring the scaled-space MSE on {@code validation} (see
     * {@link EmulatorConfig}).
     *
     * @param log one line at the end of training (may be null)
     */
    public static SpectrumEmulator train(Simulations train, Simulations validation, EmulatorConfig config, PrintStream log) {
        int d = train.theta()[0].length;
        int out = train.output()[0].length;
        MargeScaler in = MargeScaler.fit(train.theta(), null);
        boolean[] olog = new boolean[out];
        Arrays.fill(olog, config.logOut());
        MargeScaler os = MargeScaler.fit(train.output(), olog);
        Tensor x = matrix(in.transform(train.theta()));
        Tensor y = matrix(os.transform(train.output()));
        Tensor vx = matrix(in.transform(validation.theta()));
        Tensor vy = matrix(os.transform(validation.output()));
        Rng rng = new Rng(config.seed());
        Sequential mlp = new Sequential();
        int prev = d;
        for (int h : config.hidden()) {
            mlp.add(new Linear(prev, h, rng.fold(mlp.layers().size())));
            mlp.add(Activation.relu());
            prev = h;
        }
        mlp.add(new Linear(prev, out, rng.fold(mlp.layers().size())));
        Adam opt = new Adam(mlp.parameters(), config.lr(), 0.9, 0.999, 1e-8, 0, true);
        KeepBest best = new KeepBest(mlp, "val_loss", Mode.MIN);
        EarlyStopping stop = new EarlyStopping("val_loss", Mode.MIN, config.patience(), 0);
        Trainer trainer = new Trainer(mlp, opt, batch -> Losses.mse(mlp.forward(Var.constant(batch.get(0))),
                Var.constant(batch.get(1)), Reduction.MEAN))
                .validation(m -> Map.of("val_loss", mse(mlp, vx, vy)))
                .reduceOnPlateau(new ReduceLrOnPlateau(opt, ReduceLrOnPlateau.Mode.MIN, 0.5, 6, 1e-4, true, 0, 1e-6),
                        "val_loss")
                .callback(best)
                .callback(stop);
        var history = trainer.fit(new DataLoader(new TensorDataset(x, y), config.batch(), rng.fold(1000), false),
                config.epochs());
        mlp.eval();
        if (log != null) {
            log.printf(Locale.ROOT, "emulator: %d epochs, best %d, validation MSE (scaled) %.3g%n", history.size(),
                    best.bestEpoch(), best.best());
        }
        return new SpectrumEmulator(in, os, mlp, best.bestEpoch(), history.size());
    }

    /** The predicted outputs of {@code θ} (one row). */
    public double[] predict(double[] theta) {
        double[] h = inScaler.transform(theta, new double[theta.length]);
        for (int l = 0; l < weights.length; l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            double[] w = weights[l];
            double[] next = new double[nOut];
            for (int o = 0; o < nOut; o++) {
                double s = biases[l][o];
                int base = o * nIn;
                for (int i = 0; i < nIn; i++) {
                    s += w[base + i] * h[i];
                }
                next[o] = l + 1 < weights.length ? Math.max(0, s) : s;
            }
            h = next;
        }
        return outScaler.inverse(h, h);
    }

    /** {@link #predict} of every row. */
    public double[][] predict(double[][] theta) {
        double[][] out = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            out[i] = predict(theta[i]);
        }
        return out;
    }

    /**
     * Writes the emulator (scalers, layer widths, weights and biases, epochs) to {@code path} atomically, in the
     * checkpoint format (kind {@code spectrum-emulator}), under {@code fingerprint}: a description of what it
     * emulates (forward model, bins, prior), which {@link #load} must be given again.
     */
    public void save(Path path, String fingerprint) throws IOException {
        Checkpoint.Writer w = new Checkpoint.Writer(KIND, fingerprint);
        inScaler.write(w);
        outScaler.write(w);
        w.putLong(widths.length);
        for (int width : widths) {
            w.putLong(width);
        }
        for (int l = 0; l < weights.length; l++) {
            w.putDoubles(weights[l]).putDoubles(biases[l]);
        }
        w.putLong(bestEpoch).putLong(epochs);
        w.writeTo(path);
    }

    /**
     * Reads an emulator written by {@link #save} with the same {@code fingerprint}; its predictions are the saved
     * emulator's, bit for bit.
     *
     * @throws IOException when the file is missing, truncated, damaged, or emulates something else
     */
    public static SpectrumEmulator load(Path path, String fingerprint) throws IOException {
        Checkpoint.Reader r = new Checkpoint.Reader(path, KIND, fingerprint);
        MargeScaler in = MargeScaler.read(r);
        MargeScaler out = MargeScaler.read(r);
        int layers = (int) r.getLong(2, 1 << 10, "layer count");
        int[] widths = new int[layers];
        for (int l = 0; l < layers; l++) {
            widths[l] = (int) r.getLong(1, 1 << 20, "layer width");
        }
        if (widths[0] != in.columns() || widths[layers - 1] != out.columns()) {
            throw new IOException("emulator " + path + ": layer widths " + Arrays.toString(widths) + " do not match "
                    + in.columns() + " inputs and " + out.columns() + " outputs");
        }
        double[][] weights = new double[layers - 1][];
        double[][] biases = new double[layers - 1][];
        for (int l = 0; l + 1 < layers; l++) {
            weights[l] = r.getDoubles(widths[l] * widths[l + 1], "weights of layer " + l);
            biases[l] = r.getDoubles(widths[l + 1], "biases of layer " + l);
        }
        int best = (int) r.getLong(0, Integer.MAX_VALUE, "best epoch");
        int epochs = (int) r.getLong(0, Integer.MAX_VALUE, "epochs");
        r.end();
        return new SpectrumEmulator(in, out, weights, biases, widths, best, epochs);
    }

    /** Epoch with the lowest validation loss (its weights are the emulator's). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Epochs run before early stopping or the maximum. */
    public int epochsRun() {
        return epochs;
    }

    /** The output scaler {@code S_y}. */
    public MargeScaler outputScaler() {
        return outScaler;
    }

    @SuppressWarnings("try")
    private static double mse(Sequential mlp, Tensor x, Tensor y) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return Losses.mse(mlp.forward(Var.constant(x)), Var.constant(y), Reduction.MEAN).value().to(DType.F64).item();
        }
    }

    private static Tensor matrix(double[][] rows) {
        int c = rows[0].length;
        float[] flat = new float[rows.length * c];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < c; j++) {
                flat[i * c + j] = (float) rows[i][j];
            }
        }
        return Tensor.of(flat, rows.length, c);
    }
}
