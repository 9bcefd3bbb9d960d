/**
 * PNG figures with XChart: light curves with flares, loss curves ({@link astrograd.astro.plot.Plots}), and corner,
 * trace and rank plots of posterior draws ({@link astrograd.astro.plot.PosteriorPlots}).
 */
package astrograd.astro.plot;
