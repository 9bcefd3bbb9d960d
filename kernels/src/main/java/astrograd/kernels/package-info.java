/** kernels: filled by later issues. */
package astrograd.kernels;
