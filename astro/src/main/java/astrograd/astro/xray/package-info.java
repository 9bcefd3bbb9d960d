/**
 * X-ray timing: FITS event lists ({@link astrograd.astro.xray.EventFileReader}), good time intervals, light curves
 * and averaged periodograms (Leahy, fractional rms), Poisson and Timmer–König simulations, detector dead time
 * (non-paralyzable and paralyzable filters, Zhang et al. 1995's periodogram), and the dead-time QPO simulator with a
 * naive Whittle fit for simulation-based inference (Huppenkothen &amp; Bachetti 2022). Conventions follow stingray.
 */
package astrograd.astro.xray;
