/** Writing draws and tables: .npy (NPY 1.0, float64) and CSV, each through a temporary file and an atomic rename. */
package astrograd.inference.io;
