package astrograd.layers.train;

import astrograd.tensor.Tensor;
import java.util.Map;

/**
 * A callback whose memory must survive a checkpoint (the best value so far, a patience counter, a snapshot of
 * weights). {@link Trainer#state()} stores each one's {@link #state()} under
 * {@code "callback.<i>.<ClassName>.<key>"}, {@code i} counting only stateful callbacks in the order they were
 * added, and {@link Trainer#loadState} hands it back before {@link Trainer#resume}.
 */
public interface StatefulCallback extends Callback {
    /** The callback's memory as named tensors; each tensor new or immutable (never changed after it is returned). */
    Map<String, Tensor> state();

    /**
     * Restores {@link #state()}.
     *
     * @throws IllegalArgumentException for a missing or malformed entry; nothing changes then
     */
    void loadState(Map<String, Tensor> state);
}
