/** Signal processing shared by the astronomy models: FFTs through JTransforms ({@link astrograd.astro.signal.Fft}). */
package astrograd.astro.signal;
