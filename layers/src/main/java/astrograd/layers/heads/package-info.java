/**
 * Output heads that parameterize distributions, and the distributions themselves: heteroscedastic Gaussian regression
 * with diagonal ({@link astrograd.layers.heads.DiagonalGaussianHead}) or full covariance
 * ({@link astrograd.layers.heads.FullGaussianHead}, through a Cholesky factor built by
 * {@link astrograd.layers.heads.Tril}), and mixture density networks ({@link astrograd.layers.heads.MixtureDensity},
 * {@link astrograd.layers.heads.GaussianMixture}). Each distribution gives its negative log-likelihood as a
 * differentiable {@link astrograd.autodiff.Var}.
 */
package astrograd.layers.heads;
