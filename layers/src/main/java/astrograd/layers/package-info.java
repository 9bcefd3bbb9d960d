/**
 * Neural-network modules and layers.
 *
 * <p>A {@link astrograd.layers.Module} owns named parameters, buffers, submodules and random streams, registered in
 * its constructor; the dotted names are PyTorch's {@code state_dict} keys, so weights move to and from PyTorch
 * one to one. A {@link astrograd.layers.Layer} maps one {@link astrograd.autodiff.Var} to another and composes in a
 * {@link astrograd.layers.Sequential}. The layers: {@link astrograd.layers.Linear}, convolutions
 * ({@link astrograd.layers.Conv1d}, {@link astrograd.layers.Conv2d}, {@link astrograd.layers.ConvTranspose2d},
 * the phase-invariant {@link astrograd.layers.PolarConv1d}), {@link astrograd.layers.Pool}, activations,
 * dropouts ({@link astrograd.layers.Dropout}, {@link astrograd.layers.SpatialDropout},
 * {@link astrograd.layers.ConcreteDropout}), normalizations ({@link astrograd.layers.BatchNorm},
 * {@link astrograd.layers.LayerNorm}, {@link astrograd.layers.GroupNorm}, {@link astrograd.layers.LocalResponseNorm}),
 * recurrent layers ({@link astrograd.layers.GRU}, {@link astrograd.layers.LSTM}), and {@link astrograd.layers.Init}
 * with PyTorch's initializations. Heads, losses, optimizers, data loading, training, metrics and checkpoints are in
 * the subpackages.
 */
package astrograd.layers;
