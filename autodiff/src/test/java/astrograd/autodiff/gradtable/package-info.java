/**
 * The gradient op table: every differentiable {@link astrograd.autodiff.Var} / VarConv op as data
 * ({@code GradOpTable}, rows in {@code *Rows.java}), checked by float64 finite differences and the
 * inner-product test ({@code GradOpTableTest}), against PyTorch's gradients ({@code TorchGradFixtureTest}) and
 * walked three times through a retained graph ({@code RetainedGraphTest}). Every row's op is differentiable: a
 * missing rule fails, it is never skipped; the ops without a gradient are listed in
 * {@code GradOpTableTest.NO_GRADIENT}.
 *
 * <p>Adding an op: add a row (id, covered method signature, one domain and small shape per differentiable
 * input, the call), add the same id to {@code autodiff/src/test/python/make_grad_fixtures.py}, and
 * regenerate the fixtures with Debian's PyTorch:
 *
 * <pre>
 * /usr/bin/python3 autodiff/src/test/python/make_grad_fixtures.py
 * </pre>
 *
 * <p>The fixtures under {@code src/test/resources/gradfixtures/} are committed; the build needs no Python.
 */
package astrograd.autodiff.gradtable;
