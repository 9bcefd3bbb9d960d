/**
 * Hamiltonian Monte Carlo: the No-U-Turn sampler and static HMC as Stan runs them (multinomial trajectory
 * sampling, the generalized U-turn criterion, divergences), with dual-averaging step size and Stan's windowed
 * warm-up of a diagonal or dense metric. Start from {@link astrograd.inference.hmc.HmcSampler}.
 */
package astrograd.inference.hmc;
