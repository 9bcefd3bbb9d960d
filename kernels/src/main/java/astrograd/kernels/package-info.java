/**
 * The CUDA backend: hand-written kernels ({@code kernels/src/main/cuda}, compiled into the committed
 * {@code astrograd.fatbin}) launched through JCuda's driver API binding.
 *
 * <p>{@link astrograd.kernels.CudaBackendProvider} serves {@code Device.cuda(i)} through {@code ServiceLoader};
 * no JCuda class loads before a CUDA device is asked for, and without a driver or device one
 * {@link astrograd.kernels.CudaUnavailableException} says why. {@link astrograd.kernels.CudaBackend} implements
 * part of the backend contract so far and refuses the rest with an {@link UnsupportedOperationException} saying
 * the op is not yet on CUDA. {@link astrograd.kernels.GpuInfo} reports the driver, devices and libraries.
 * {@code kernels/README.md} says what exists, what does not, and how the kernels are tested without a GPU:
 * none of it has yet run on a GPU.
 */
package astrograd.kernels;
