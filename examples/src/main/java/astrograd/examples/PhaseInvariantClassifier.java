// docs:begin network
package astrograd.examples;

import astrograd.autodiff.Var;
import astrograd.layers.ConvOptions;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.PolarConv1d;
import astrograd.tensor.Rng;

/**
 * A user-written classifier of phase-folded light curves {@code [N, 1, L]} that no choice of phase origin can
 * change: residual blocks of polar (wrap-around) convolutions, {@code h ← h + relu(conv₂(relu(conv₁(h))))} with
 * dilations 1, 2, 4…, commute with cyclic shifts, and the mean over the phase axis before the linear head removes
 * the shift: {@code f(roll(x, s)) = f(x)} for every s.
 */
public final class PhaseInvariantClassifier extends Module implements Layer {
    private final PolarConv1d stem;
    private final PolarConv1d[] first;
    private final PolarConv1d[] second;
    private final Linear head;

    public PhaseInvariantClassifier(int width, int blocks, int classes, Rng rng) {
        stem = module("stem", new PolarConv1d(1, width, 5, rng));
        first = new PolarConv1d[blocks];
        second = new PolarConv1d[blocks];
        for (int b = 0; b < blocks; b++) {
            int dilation = 1 << b;
            first[b] = module("block" + b + "a", new PolarConv1d(width, width, 3, dilation, false, ConvOptions.defaults(), rng));
            second[b] = module("block" + b + "b", new PolarConv1d(width, width, 3, dilation, false, ConvOptions.defaults(), rng));
        }
        head = module("head", new Linear(width, classes, rng));
    }

    @Override
    public Var forward(Var x) {
        Var h = stem.forward(x).relu();
        for (int b = 0; b < first.length; b++) {
            h = h.add(second[b].forward(first[b].forward(h).relu()).relu());
        }
        return head.forward(h.mean(new int[] {2}, false));   // [N, width, L] -> [N, width] -> [N, classes]
    }
}
// docs:end network
