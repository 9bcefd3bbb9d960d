/**
 * Differential-evolution Markov chain Monte Carlo: a population of chains whose proposals are scaled differences
 * of other states (ter Braak 2006), optionally drawn from a growing archive of past states with the snooker update
 * (DE-MCz, ter Braak &amp; Vrugt 2008), as MC3 runs them. {@link astrograd.inference.demc.DemcSampler} configures a
 * run, {@link astrograd.inference.demc.DemcRun} advances and checkpoints it, and
 * {@link astrograd.inference.demc.DemcResult} holds the draws.
 */
package astrograd.inference.demc;
