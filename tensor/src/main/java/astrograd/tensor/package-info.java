/**
 * Tensors and the backend contract.
 *
 * <p>A {@link astrograd.tensor.Tensor} is an immutable n-d view (storage, {@link astrograd.tensor.DType}, shape,
 * strides, offset, {@link astrograd.tensor.Device}); movement ops are views and every other op returns a new tensor.
 * The validation layer (shapes, dtypes, devices, broadcasting, axes) sits in front of the
 * {@link astrograd.tensor.Backend}, the narrow contract a device implements; {@link astrograd.tensor.Backends} finds
 * the backend of a device, the CPU one ({@code astrograd.tensor.cpu}) directly and others through
 * {@link astrograd.tensor.BackendProvider}s. {@link astrograd.tensor.Rng} is an explicit, splittable Philox4x32-10
 * stream; {@link astrograd.tensor.TensorScope} gives temporaries an explicit lifetime; {@link astrograd.tensor.Linalg}
 * and {@link astrograd.tensor.Conv} hold the linear algebra and the convolution family. Errors are
 * {@link astrograd.tensor.ShapeException}, {@link astrograd.tensor.DTypeException} and
 * {@link astrograd.tensor.DeviceException}, each naming the op, the shapes and the axis.
 */
package astrograd.tensor;
