/**
 * kernels: the CUDA kernels and backend planned in DESIGN.md. Not written yet: the module is empty and provides no
 * {@code BackendProvider}, so CUDA devices are refused by {@code Backends}.
 */
package astrograd.kernels;
