/**
 * The CUDA driver layer: {@link astrograd.kernels.driver.DeviceDriver} is the set of driver calls the backend makes,
 * {@link astrograd.kernels.driver.JCudaDeviceDriver} the only class that touches {@code jcuda.*}, loaded lazily by
 * {@link astrograd.kernels.driver.JCudaLoader}; {@link astrograd.kernels.driver.KernelRunner} launches the kernels of
 * the committed {@link astrograd.kernels.driver.Fatbin} with checked arguments. Tests substitute a fake driver or a
 * host shim.
 */
package astrograd.kernels.driver;
