/** astro: filled by later issues. */
package astrograd.astro;
