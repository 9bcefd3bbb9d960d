package astrograd.tensor;

import astrograd.tensor.ops.PadMode;
import java.util.List;

/** Joining, splitting, padding and rolling. */
final class Joins {
    private Joins() {
    }

    static Tensor roll(Tensor x, int shift, int axis) { throw new UnsupportedOperationException(); }
    static Tensor cat(int axis, Tensor[] parts) { throw new UnsupportedOperationException(); }
    static Tensor stack(int axis, Tensor[] parts) { throw new UnsupportedOperationException(); }
    static List<Tensor> split(Tensor x, int size, int axis) { throw new UnsupportedOperationException(); }
    static List<Tensor> split(Tensor x, int[] sizes, int axis) { throw new UnsupportedOperationException(); }
    static List<Tensor> chunk(Tensor x, int chunks, int axis) { throw new UnsupportedOperationException(); }
    static Tensor pad(Tensor x, int[] pads, PadMode mode, double value) { throw new UnsupportedOperationException(); }
    static Tensor padAxis(Tensor x, int axis, int before, int after, PadMode mode, double value) { throw new UnsupportedOperationException(); }
}
