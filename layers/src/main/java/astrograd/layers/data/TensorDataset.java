package astrograd.layers.data;

import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A dataset of tensors sharing their leading axis: example i is {@code (t₁[i], t₂[i], …)}. */
public final class TensorDataset implements Dataset {
    private final List<Tensor> fields;
    private final int size;

    public TensorDataset(Tensor... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("TensorDataset: needs at least one tensor");
        }
        this.size = leading(fields[0], 0);
        for (int i = 1; i < fields.length; i++) {
            if (leading(fields[i], i) != size) {
                throw new ShapeException("TensorDataset: tensor " + i + " " + Shape.str(fields[i].shape())
                        + " has " + fields[i].size(0) + " examples, tensor 0 " + Shape.str(fields[0].shape()) + " has " + size);
            }
        }
        this.fields = List.of(fields);
    }

    private static int leading(Tensor t, int i) {
        if (t.rank() < 1) {
            throw new ShapeException("TensorDataset: tensor " + i + " is 0-d; examples run along axis 0");
        }
        return t.size(0);
    }

    @Override
    public int size() {
        return size;
    }

    /** The tensors, in order. */
    public List<Tensor> fields() {
        return fields;
    }

    @Override
    public List<Tensor> batch(Tensor indices) {
        List<Tensor> out = new ArrayList<>(fields.size());
        for (Tensor f : fields) {
            out.add(f.indexSelect(0, indices));
        }
        return out;
    }
}
