/**
 * Light curves: a {@link astrograd.astro.lightcurve.LightCurve} (time, flux, error), readers of TESS and Kepler FITS
 * files (scaled columns, quality masks) and of stella's {@code .npy} files ({@link astrograd.astro.lightcurve.Npy}),
 * per-orbit normalization, and the TESS light curves bundled with the project
 * ({@link astrograd.astro.lightcurve.BundledData}).
 */
package astrograd.astro.lightcurve;
