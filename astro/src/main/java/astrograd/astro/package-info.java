/**
 * Astronomy on astrograd: readers for catalogues ({@code io}), light curves from
 * {@code .npy} and SPOC/Kepler FITS files with their normalization and the bundled TESS demo data
 * ({@code lightcurve}), PNG figures ({@code plot}), the stella flare finder
 * ({@code flares}), the phase-invariant classifier of periodic variables ({@code variables}) and the
 * {@code astrograd} command line ({@code cli}).
 */
package astrograd.astro;
