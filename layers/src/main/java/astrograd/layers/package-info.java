/** layers: filled by later issues. */
package astrograd.layers;
