/** autodiff: filled by later issues. */
package astrograd.autodiff;
