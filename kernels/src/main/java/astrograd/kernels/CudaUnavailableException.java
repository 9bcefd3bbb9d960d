package astrograd.kernels;

import astrograd.tensor.DeviceException;

/**
 * No CUDA device can be used, with the reason in one sentence: no NVIDIA driver ({@code libcuda.so.1} does
 * not load), a driver older than CUDA 13, no device, or no device of the asked ordinal. Command-line tools
 * print the message alone, without a stack trace.
 */
public class CudaUnavailableException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public CudaUnavailableException(String message) {
        super(message);
    }
}
