/** Numerical helpers for the samplers and diagnostics: the normal distribution, FFT, ranks, quantiles. */
package astrograd.inference.stats;
