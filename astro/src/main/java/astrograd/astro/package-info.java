/**
 * Astronomy on astrograd: readers for light curves and catalogues ({@code io}), the stella flare finder
 * ({@code flares}), the phase-invariant classifier of periodic variables ({@code variables}) and the
 * {@code astrograd} command line ({@code cli}).
 */
package astrograd.astro;
