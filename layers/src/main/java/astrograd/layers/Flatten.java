package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;

/**
 * Merges axes {@code start..end} (inclusive, negative counting from the end) into one, as PyTorch's
 * {@code nn.Flatten}: by default {@code [N, d1, d2, ...] -> [N, d1·d2·...]}. Element order is row-major,
 * so a flattened {@code [N, C, L]} holds channel 0's sequence first.
 */
public final class Flatten extends Module implements Layer {
    private final int start;
    private final int end;

    /** Flattens every axis after the batch axis (start 1, end -1). */
    public Flatten() {
        this(1, -1);
    }

    public Flatten(int start, int end) {
        this.start = start;
        this.end = end;
    }

    @Override
    public Var forward(Var x) {
        int rank = x.value().rank();
        int s = start < 0 ? start + rank : start;
        int e = end < 0 ? end + rank : end;
        if (rank == 0 || s < 0 || s >= rank || e < 0 || e >= rank || s > e) {
            throw new ShapeException("Flatten(" + describe() + "): axes " + start + ".." + end + " do not fit input "
                    + Shape.str(x.value().shape()));
        }
        return x.flatten(s, e);
    }

    @Override
    protected String describe() {
        return start + ".." + end;
    }
}
