/**
 * Datasets of tensors and a {@link astrograd.layers.data.DataLoader} that batches them, shuffled per epoch
 * from an explicit {@link astrograd.tensor.Rng} stream (the order depends only on the seed and the epoch).
 */
package astrograd.layers.data;
