package astrograd.layers.train;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Module;
import astrograd.layers.data.DataLoader;
import astrograd.layers.optim.GradClip;
import astrograd.layers.optim.LrSchedule;
import astrograd.layers.optim.Optimizer;
import astrograd.layers.optim.ReduceLrOnPlateau;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop. Each epoch puts the model in training mode and, for every batch of the
 * {@link DataLoader}, clears the gradients, computes the loss, runs backward, optionally clips the gradient
 * norm, steps the optimizer and any per-batch schedule. Every step runs inside its own {@link TensorScope}:
 * the temporaries of forward, backward and update are recycled, and only the new parameter values, the
 * module's buffers and the optimizer's state are kept (owned by no scope, so that a model trained by a {@code fit}
 * inside a caller's scope outlives it). After the batches, the epoch's metrics are
 * {@code "loss"} (the mean training loss per example), {@code "lr"} (the learning rate at the end of the epoch)
 * and whatever the {@link Validation} returns (evaluated in eval mode without a graph); then per-epoch
 * schedules step and the {@link Callback}s see the metrics (and may {@linkplain #requestStop() stop} the run).
 *
 * <p>The trainer knows its position: the epoch, the next batch in it, the loss summed so far in it and the
 * optimizer steps taken. {@link #state()} holds that with the schedules' state and the loader's shuffling stream,
 * so a checkpoint written at any batch ({@code Checkpoint.save(file, trainer, config)}, e.g. from
 * {@link Callback#onBatchEnd}) and {@linkplain #loadState restored} into a new trainer lets {@link #resume} finish
 * the run with the same bits as one never interrupted.
 *
 * <pre>{@code
 * Trainer t = new Trainer(model, new Adam(model.parameters(), 1e-3),
 *         batch -> model.forward(Var.constant(batch.get(0))).sub(Var.constant(batch.get(1))).square().mean())
 *     .validation(m -> Map.of("val_loss", evaluate(m)))
 *     .callback(new EarlyStopping("val_loss", Mode.MIN, 10, 0))
 *     .callback(new KeepBest(model, "val_loss", Mode.MIN))
 *     .callback(new ProgressBarCallback());
 * History h = t.fit(loader, 100);
 * }</pre>
 */
public final class Trainer {
    /** The scalar loss of one batch (the forward pass included). */
    public interface LossFunction {
        Var loss(List<Tensor> batch);
    }

    /** Metrics on held-out data, computed after each epoch in eval mode without a graph. */
    public interface Validation {
        Map<String, Double> evaluate(Module model);
    }

    private final Module model;
    private final Optimizer optimizer;
    private final LossFunction lossFunction;
    private final List<Callback> callbacks = new ArrayList<>();
    private final List<LrSchedule> batchSchedules = new ArrayList<>();
    private final List<LrSchedule> epochSchedules = new ArrayList<>();
    private ReduceLrOnPlateau plateau;
    private String plateauMonitor;
    private Validation validation;
    private double clipNorm = Double.NaN;
    private boolean stopRequested;
    private boolean resuming;
    private int batchesPerEpoch;
    private int endEpoch;
    private long globalStep;
    private int epoch;
    private int batch;
    private double epochLossSum;
    private long epochExamples;
    private DataLoader loader;
    private Map<String, Tensor> loaderState;

    public Trainer(Module model, Optimizer optimizer, LossFunction lossFunction) {
        this.model = model;
        this.optimizer = optimizer;
        this.lossFunction = lossFunction;
    }

    /** Adds a callback (called in the order added). */
    public Trainer callback(Callback c) {
        callbacks.add(c);
        return this;
    }

    /** A schedule stepped after every batch (e.g. {@link astrograd.layers.optim.OneCycleLr}). */
    public Trainer schedulePerBatch(LrSchedule s) {
        batchSchedules.add(s);
        return this;
    }

    /** A schedule stepped after every epoch. */
    public Trainer schedulePerEpoch(LrSchedule s) {
        epochSchedules.add(s);
        return this;
    }

    /** Lowers the learning rate on plateaus of the epoch metric {@code monitor}. */
    public Trainer reduceOnPlateau(ReduceLrOnPlateau s, String monitor) {
        this.plateau = s;
        this.plateauMonitor = monitor;
        return this;
    }

    public Trainer validation(Validation v) {
        this.validation = v;
        return this;
    }

    /** Clips the global 2-norm of the gradients to {@code maxNorm} before every optimizer step. */
    public Trainer clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("Trainer: clip norm must be > 0, got " + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Whether the run in progress was started by {@link #resume} (callbacks keep their memory) or {@link #fit}. */
    public boolean isResuming() {
        return resuming;
    }

    /** Ends the run after the current epoch. */
    public void requestStop() {
        stopRequested = true;
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Batches per epoch of the current run. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The epoch at which the current run ends (exclusive). */
    public int endEpoch() {
        return endEpoch;
    }

    /** Optimizer steps taken by this trainer. */
    public long globalStep() {
        return globalStep;
    }

    /** The current epoch: the one running, or the next to run between epochs. */
    public int epoch() {
        return epoch;
    }

    /** The next batch of the current epoch (0 between epochs). */
    public int batch() {
        return batch;
    }

    /** Trains epochs 0 .. epochs−1. */
    public History fit(DataLoader train, int epochs) {
        return fit(train, 0, epochs);
    }

    /**
     * Trains epochs {@code from .. to−1} from their first batch (the loader's order depends only on the epoch
     * number). To continue from a checkpoint written mid-epoch, use {@link #resume}.
     */
    public History fit(DataLoader train, int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("Trainer.fit: bad epoch range [" + from + ", " + to + ")");
        }
        epoch = from;
        batch = 0;
        epochLossSum = 0;
        epochExamples = 0;
        loaderState = null;
        return run(train, to, false);
    }

    /**
     * Continues from the current position (the one {@link #loadState} restored, or where an earlier run
     * stopped) to the end of epoch {@code to − 1}: first the rest of the current epoch, whose metrics count
     * its earlier batches too. A restored loader state is loaded into {@code train} first.
     *
     * @throws IllegalArgumentException if {@code to} is before the current epoch, or {@code train} does not
     *                                  match the restored loader (see {@link DataLoader#loadState})
     */
    public History resume(DataLoader train, int to) {
        if (to < epoch) {
            throw new IllegalArgumentException("Trainer.resume: the run is at epoch " + epoch + ", past the end " + to);
        }
        if (loaderState != null) {
            train.loadState(loaderState);
            loaderState = null;
        }
        if (batch > train.batchCount()) {
            throw new IllegalArgumentException("Trainer.resume: the run is at batch " + batch + " of an epoch of "
                    + train.batchCount());
        }
        return run(train, to, true);
    }

    private History run(DataLoader train, int to, boolean resume) {
        stopRequested = false;
        resuming = resume;
        loader = train;
        batchesPerEpoch = train.batchCount();
        endEpoch = to;
        History history = new History();
        callbacks.forEach(c -> c.onTrainBegin(this));
        try {
            while (epoch < to && !stopRequested) {
                int current = epoch;
                history.add(current, runEpoch(train));
            }
        } finally {
            model.train();
        }
        callbacks.forEach(c -> c.onTrainEnd(this, history));
        return history;
    }

    /** Runs the current epoch from the current batch; the position moves on before the callbacks are told. */
    private Map<String, Double> runEpoch(DataLoader train) {
        model.train();
        int current = epoch;
        for (Callback c : callbacks) {
            c.onEpochBegin(this, current);
        }
        for (List<Tensor> b : train.epoch(current, batch)) {
            int n = b.get(0).rank() == 0 ? 1 : b.get(0).size(0);
            int index = batch;
            double loss = step(b, current, index);
            epochLossSum += loss * n;
            epochExamples += n;
            batch++;
            for (Callback c : callbacks) {
                c.onBatchEnd(this, current, index, loss);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", epochLossSum / epochExamples);
        metrics.put("lr", optimizer.lr());
        if (validation != null) {
            metrics.putAll(validate());
        }
        epochSchedules.forEach(LrSchedule::step);
        if (plateau != null) {
            plateau.step(metric(metrics, plateauMonitor, "ReduceLrOnPlateau"));
        }
        epoch++;
        batch = 0;
        epochLossSum = 0;
        epochExamples = 0;
        for (Callback c : callbacks) {
            c.onEpochEnd(this, current, metrics);
        }
        return metrics;
    }

    /**
     * The position and everything else a resumed run needs besides the model and the optimizer, as named
     * tensors: {@code "epoch"}, {@code "batch"}, {@code "global_step"} and {@code "examples"} (I64),
     * {@code "loss_sum"} (F64), each schedule's state as {@code "batch_schedule.<i>.<key>"},
     * {@code "epoch_schedule.<i>.<key>"} and {@code "plateau.<key>"} (F64), and the last loader's
     * {@link DataLoader#state()} as {@code "loader.<key>"}, and each {@link StatefulCallback}'s state as
     * {@code "callback.<i>.<ClassName>.<key>"}. Every tensor is new or immutable.
     */
    public Map<String, Tensor> state() {
        return TrainerState.of(this, new TrainerState.Position(epoch, batch, globalStep, epochLossSum, epochExamples,
                loader != null ? loader.state() : loaderState));
    }

    /**
     * Restores {@link #state()} (the schedules must be the same kinds, in the same order); {@link #resume} then
     * continues from the saved position. The model and optimizer are restored separately (a
     * {@code Checkpoint} restores all three).
     *
     * @throws IllegalArgumentException for missing or unknown keys, or other schedules
     */
    public void loadState(Map<String, Tensor> state) {
        TrainerState.Position p = TrainerState.load(this, state);
        epoch = p.epoch();
        batch = p.batch();
        globalStep = p.globalStep();
        epochLossSum = p.lossSum();
        epochExamples = p.examples();
        loaderState = p.loader();
        loader = null;
    }

    /** The callbacks that keep state, in the order they were added. */
    List<StatefulCallback> statefulCallbacks() {
        List<StatefulCallback> out = new ArrayList<>();
        for (Callback c : callbacks) {
            if (c instanceof StatefulCallback s) {
                out.add(s);
            }
        }
        return out;
    }

    List<LrSchedule> batchSchedules() {
        return batchSchedules;
    }

    List<LrSchedule> epochSchedules() {
        return epochSchedules;
    }

    ReduceLrOnPlateau plateau() {
        return plateau;
    }

    /** One optimizer step in its own tensor scope; returns the batch loss. */
    private double step(List<Tensor> batch, int epoch, int index) {
        try (TensorScope scope = TensorScope.open()) {
            optimizer.zeroGrad();
            Var loss = lossFunction.loss(batch);
            if (loss.value().numel() != 1) {
                throw new IllegalStateException("Trainer: the loss must be a single element, got shape "
                        + astrograd.tensor.Shape.str(loss.value().shape()));
            }
            double value = loss.value().item();
            if (!Double.isFinite(value)) {
                throw new ArithmeticException("Trainer: loss is " + value + " at epoch " + epoch + ", batch " + index);
            }
            loss.backward();
            if (!Double.isNaN(clipNorm)) {
                GradClip.clipGradNorm(optimizer.parameters(), clipNorm);
            }
            optimizer.step();
            batchSchedules.forEach(LrSchedule::step);
            globalStep++;
            model.zeroGrad();
            keepState(scope);
            return value;
        }
    }

    /**
     * Exempts the model's and the optimizer's state from the step's scope. What the step allocated goes to the
     * garbage collector, not to a scope that {@code fit} runs in (the trained model outlives it); state allocated
     * before the step stays with its owner.
     */
    private void keepState(TensorScope scope) {
        model.namedParameters().values().forEach(p -> scope.keepUnowned(p.value()));
        for (Tensor b : model.namedBuffers().values()) {
            if (b != null) {
                scope.keepUnowned(b);
            }
        }
        optimizer.parameters().forEach(p -> scope.keepUnowned(p.value()));
        optimizer.keepState(scope);
    }

    @SuppressWarnings("try") // the no-grad scope is held for its effect only
    private Map<String, Double> validate() {
        model.eval();
        try (GradMode.Scope noGrad = GradMode.noGrad(); TensorScope scope = TensorScope.open()) {
            Map<String, Double> out = new LinkedHashMap<>(validation.evaluate(model));
            keepState(scope);
            return out;
        } finally {
            model.train();
        }
    }

    static double metric(Map<String, Double> metrics, String key, String who) {
        Double v = metrics.get(key);
        if (v == null) {
            throw new IllegalArgumentException(who + ": monitored metric '" + key + "' is not among the epoch's metrics "
                    + metrics.keySet());
        }
        return v;
    }
}
