package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.Pool;
import astrograd.tensor.ops.PadMode;

/**
 * Max pooling on a circle: {@code y[t] = max_{j<k} x[(t − ⌊(k−1)/2⌋ + j) mod L]}, stride 1, so the output keeps
 * the length L and commutes with cyclic shifts ({@code pool(roll(x, s)) = roll(pool(x), s)}); a stride above 1
 * would commute only with shifts that are multiples of the stride, which is why there is none.
 */
public final class CyclicMaxPool1d extends Module implements Layer {
    private final int kernel;
    private final Pool pool;

    public CyclicMaxPool1d(int kernel) {
        if (kernel < 1) {
            throw new IllegalArgumentException("CyclicMaxPool1d: kernel must be >= 1, got " + kernel);
        }
        this.kernel = kernel;
        this.pool = Pool.maxPool1d(kernel, 1, 0, 1, false);
    }

    @Override
    public Var forward(Var x) {
        int before = (kernel - 1) / 2;
        return pool.forward(x.pad(2, before, kernel - 1 - before, PadMode.CIRCULAR, 0));
    }

    @Override
    protected String describe() {
        return "k=" + kernel;
    }
}
