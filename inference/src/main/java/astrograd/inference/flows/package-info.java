/**
 * Conditional density estimators for simulation-based inference: the {@link astrograd.inference.flows.ConditionalDensity}
 * interface, the mixture-density network, the rational-quadratic neural spline flow and the float64 Gaussian-mixture
 * algebra ({@link astrograd.inference.flows.Mog}) used by the analytic SNPE corrections.
 */
package astrograd.inference.flows;
