/**
 * Small input helpers: {@link astrograd.astro.io.Csv} reads and writes CSV tables (gzip included) with clear errors,
 * and {@link astrograd.astro.io.DataPaths} locates the optional real data ({@code -Dastrograd.data}).
 */
package astrograd.astro.io;
