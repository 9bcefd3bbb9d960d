/**
 * Built-in posteriors for {@code astrograd sample} and the sampler benchmarks: a correlated Gaussian, the Rosenbrock
 * banana, Neal's funnel and the eight schools (centered and non-centered).
 */
package astrograd.astro.sampling;
