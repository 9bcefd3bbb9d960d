/**
 * The training loop ({@link astrograd.layers.train.Trainer}) with callbacks: a terminal progress bar,
 * early stopping, keep-best (in memory, with a hook for the checkpoint writer); and deep ensembles
 * ({@link astrograd.layers.train.DeepEnsemble}) of members built from split {@link astrograd.tensor.Rng} streams.
 */
package astrograd.layers.train;
