/**
 * The affine-invariant ensemble sampler ({@link astrograd.inference.ensemble.EnsembleSampler}) and its
 * {@link astrograd.inference.ensemble.Move}s: stretch, differential evolution, walk, and weighted mixtures.
 */
package astrograd.inference.ensemble;
