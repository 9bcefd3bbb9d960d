/** Benchmark tasks with exact reference posteriors (after sbibm): gaussian_linear, two_moons, SLCP, linear_gaussian. */
package astrograd.inference.sbi.tasks;
