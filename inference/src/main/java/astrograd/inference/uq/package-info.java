/**
 * The uncertainty toolkit: deep ensembles, Monte-Carlo (concrete) dropout and variational (Flipout) networks
 * behind one predictive interface ({@link astrograd.inference.uq.Predictive}, giving a
 * {@link astrograd.inference.uq.PredictiveMixture} with its mean, total covariance and aleatoric/epistemic split),
 * the packed precision-Cholesky Gaussian of plan-net ({@link astrograd.inference.uq.PackedCholesky}) and
 * calibration checks ({@link astrograd.inference.uq.Calibration}).
 */
package astrograd.inference.uq;
