/**
 * Models for samplers: {@link astrograd.inference.model.Model} (priors plus a batched likelihood),
 * {@link astrograd.inference.model.Prior}, {@link astrograd.inference.model.Bijection} and
 * {@link astrograd.inference.model.Evaluation} (log-densities, gradients and the count of non-finite values).
 */
package astrograd.inference.model;
