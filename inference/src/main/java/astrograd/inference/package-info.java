/**
 * inference: samplers and diagnostics on the autodiff engine.
 *
 * <ul>
 *   <li>{@link astrograd.inference.model}: models — a batched log-density written with {@code Var} ops over
 *       F64 {@code [W, D]}, named parameters with priors, bijections to unconstrained space, and evaluation of
 *       log-densities with gradients for samplers;</li>
 *   <li>{@link astrograd.inference.ensemble}: the affine-invariant ensemble sampler (stretch, differential
 *       evolution and walk moves, mixtures) with red-blue updates;</li>
 *   <li>{@link astrograd.inference.demc}: differential-evolution MCMC (DE-MC, and DE-MCz with the snooker update
 *       and an archive), with exact checkpoint and resume;</li>
 *   <li>{@link astrograd.inference.diagnostics}: R̂, ESS, MCSE, integrated autocorrelation time, summaries;</li>
 *   <li>{@link astrograd.inference.io}: draws {@code [chains, draws, D]} with names, written as .npy and CSV;</li>
 *   <li>{@link astrograd.inference.stats}: the normal distribution, FFT, ranks and other numerical helpers.</li>
 * </ul>
 */
package astrograd.inference;
