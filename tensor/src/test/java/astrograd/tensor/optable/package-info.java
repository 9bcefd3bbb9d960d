/**
 * The op table ({@link astrograd.tensor.optable.OpTable}) and the tests it drives: forward results
 * against float64 references on random, broadcast, empty and non-contiguous inputs
 * ({@link astrograd.tensor.optable.OpForwardTest}), and against golden values from PyTorch
 * ({@link astrograd.tensor.optable.TorchFixtureTest}).
 *
 * <h2>Regenerating the PyTorch fixtures</h2>
 * The fixtures under {@code tensor/src/test/resources/fixtures/} (one {@code <row id>.txt} per table row)
 * are written by a committed script with Debian's {@code python3-torch} (1.13) and numpy; CI does not need
 * Python. From the repository root:
 * <pre>
 * /usr/bin/python3 tensor/src/test/python/make_fixtures.py
 * mvn -q -B -pl tensor test -Dtest='TorchFixtureTest' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The script deletes and rewrites every fixture file; inputs are seeded per row, dtype and case, so an
 * unchanged script reproduces the same files. When adding a table row, add the row with the same id to
 * the script: {@code TorchFixtureTest} fails on a row without a fixture and on a fixture without a row.
 * The script's docstring lists where PyTorch's conventions differ from ours and how it handles them (pad
 * pairs and long circular/reflect pads, negative indexSelect indices, oneHot dtype, int64 indices).
 */
package astrograd.tensor.optable;
