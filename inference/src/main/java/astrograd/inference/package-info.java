/** inference: filled by later issues. */
package astrograd.inference;
