/**
 * Neural posterior estimation (NPE, SNPE-A, SNPE-C) with leakage handling, and its diagnostics: C2ST, simulation-based
 * calibration and coverage; saving and loading trained posteriors.
 */
package astrograd.inference.sbi;
