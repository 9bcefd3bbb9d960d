/**
 * Classification of periodic variable stars from folded light curves with networks exactly invariant to the phase
 * origin (Zhang and Bloom 2021): folding and features ({@link astrograd.astro.variables.FoldedCurve},
 * {@link astrograd.astro.variables.Features}), the invariant TCN and ResNet ({@link astrograd.astro.variables.Tcn},
 * {@link astrograd.astro.variables.IResNet}) and the zero-padded baseline, the ensemble and the hybrid with auxiliary
 * MLPs ({@link astrograd.astro.variables.HybridNet}), training with stratified splits, cross-validation, and the
 * synthetic benchmark.
 */
package astrograd.astro.variables;
