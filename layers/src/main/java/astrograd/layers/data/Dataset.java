package astrograd.layers.data;

import astrograd.tensor.Tensor;
import java.util.List;

/** Indexable examples: {@link #size()} examples, fetched in batches as a list of tensors (inputs, targets, ...). */
public interface Dataset {
    /** The number of examples. */
    int size();

    /**
     * The examples at {@code indices} stacked along a new leading axis, one tensor per field.
     *
     * @param indices an I64 or I32 1-d tensor of example indices in {@code [0, size)}
     */
    List<Tensor> batch(Tensor indices);
}
