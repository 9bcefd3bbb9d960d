/**
 * Surrogate retrieval of exoplanet transmission spectra in the manner of MARGE and HOMER (Himes et al. 2022): an
 * isothermal transmission model ({@link astrograd.astro.retrieval.TransmissionModel}, the transit radius of Heng and
 * Kitzmann 2017) on a synthetic line list, simulations over a prior box, an MLP emulator with MARGE's scaling
 * ({@link astrograd.astro.retrieval.SpectrumEmulator}), the likelihood {@code ln L = −χ²/2}, and the comparison of
 * retrievals with the emulator and with the true model by the Bhattacharyya coefficients of their marginals
 * ({@link astrograd.astro.retrieval.SurrogateRetrieval}).
 */
package astrograd.astro.retrieval;
