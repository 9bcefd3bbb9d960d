/**
 * Diagnostics: rank-normalized split-R̂, bulk and tail ESS, MCSE and mc3's Gelman–Rubin
 * ({@link astrograd.inference.diagnostics.Convergence}), emcee's integrated autocorrelation time
 * ({@link astrograd.inference.diagnostics.Autocorrelation}) and the posterior
 * {@link astrograd.inference.diagnostics.Summary}.
 */
package astrograd.inference.diagnostics;
