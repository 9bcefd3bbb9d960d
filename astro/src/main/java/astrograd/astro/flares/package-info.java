/**
 * The stella flare finder (Feinstein et al. 2020): Davenport (2014) flare templates
 * ({@link astrograd.astro.flares.DavenportFlare}), the flare catalogue, the training-set builder (catalogued flares,
 * injected flares and negatives), the 1-D CNN and its ensemble, the per-cadence predictor, the flare finder that turns
 * probabilities into flares with amplitudes and equivalent durations, and the leave-one-star-out evaluation.
 */
package astrograd.astro.flares;
