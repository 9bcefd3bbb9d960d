package astrograd.layers;

import astrograd.autodiff.Var;

/** A module with one input and one output, composable in a {@link Sequential}. */
public interface Layer {
    Var forward(Var x);
}
