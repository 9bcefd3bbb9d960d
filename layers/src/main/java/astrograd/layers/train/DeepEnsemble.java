package astrograd.layers.train;

import astrograd.autodiff.GradMode;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A deep ensemble (Lakshminarayanan et al. 2017): M independently initialized and trained members whose
 * predictions are combined. Member i gets stream i of {@code rng.split(M)}; from it the factory receives one
 * split stream (initialization) and the trainer another (shuffling, dropout), so members differ only
 * through their streams and any member can be rebuilt alone. Members train one after another.
 */
public final class DeepEnsemble<M extends Module> {
    /** Builds member {@code index} from its own stream. */
    public interface Factory<M> {
        M create(int index, Rng rng);
    }

    /** Trains member {@code index} with its own stream (for data order, dropout...). */
    public interface MemberTrainer<M> {
        void train(int index, M model, Rng rng);
    }

    /** How member predictions are combined along the member axis. */
    public enum Combine {
        /** The arithmetic mean. */
        MEAN,
        /** The median; for an even M the mean of the two middle values (NumPy's convention). */
        MEDIAN
    }

    private final List<M> members;

    private DeepEnsemble(List<M> members) {
        this.members = List.copyOf(members);
    }

    /** Builds and trains {@code size} members (see the class notes for the streams). */
    public static <M extends Module> DeepEnsemble<M> train(int size, Rng rng, Factory<M> factory, MemberTrainer<M> trainer) {
        if (size < 1) {
            throw new IllegalArgumentException("DeepEnsemble: needs at least one member, got " + size);
        }
        List<Rng> streams = rng.split(size);
        List<M> members = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Rng stream = streams.get(i);
            M model = factory.create(i, stream.split());
            trainer.train(i, model, stream.split());
            members.add(model);
        }
        return new DeepEnsemble<>(members);
    }

    /** An ensemble of already trained members. */
    public static <M extends Module> DeepEnsemble<M> of(List<M> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("DeepEnsemble: needs at least one member");
        }
        return new DeepEnsemble<>(members);
    }

    public List<M> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    /** Every member's prediction (in eval mode, without a graph), stacked along a new leading axis: [M, ...]. */
    @SuppressWarnings("try") // the no-grad scope is held for its effect only
    public Tensor predictions(Function<M, Tensor> predict) {
        List<Tensor> out = new ArrayList<>(members.size());
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            for (M m : members) {
                boolean wasTraining = m.isTraining();
                m.eval();
                try {
                    out.add(predict.apply(m));
                } finally {
                    if (wasTraining) {
                        m.train();
                    }
                }
            }
        }
        for (int i = 1; i < out.size(); i++) {
            if (!Arrays.equals(out.get(i).shape(), out.get(0).shape())) {
                throw new ShapeException("DeepEnsemble: member " + i + " predicts " + Shape.str(out.get(i).shape())
                        + " but member 0 predicts " + Shape.str(out.get(0).shape()));
            }
        }
        return Tensor.stack(0, out);
    }

    /** The members' predictions combined by mean or median over the members. */
    public Tensor predict(Function<M, Tensor> predict, Combine combine) {
        return combine(predictions(predict), combine);
    }

    /** Combines stacked predictions [M, ...] over axis 0. */
    public static Tensor combine(Tensor stacked, Combine combine) {
        if (stacked.rank() < 1) {
            throw new ShapeException("DeepEnsemble.combine: predictions must be stacked along axis 0, got a 0-d tensor");
        }
        if (combine == Combine.MEAN) {
            return stacked.mean(new int[] {0}, false);
        }
        return median(stacked);
    }

    private static Tensor median(Tensor stacked) {
        int m = stacked.size(0);
        double[] v = stacked.to(DType.F64).toDoubleArray();
        int per = v.length / m;
        double[] out = new double[per];
        double[] column = new double[m];
        for (int j = 0; j < per; j++) {
            for (int i = 0; i < m; i++) {
                column[i] = v[i * per + j];
            }
            Arrays.sort(column);
            out[j] = m % 2 == 1 ? column[m / 2] : (column[m / 2 - 1] + column[m / 2]) / 2;
        }
        int[] shape = Arrays.copyOfRange(stacked.shape(), 1, stacked.rank());
        return Tensor.of(out, shape).to(stacked.dtype()).to(stacked.device());
    }
}
