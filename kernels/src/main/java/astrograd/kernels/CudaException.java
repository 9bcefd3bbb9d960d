package astrograd.kernels;

import astrograd.tensor.DeviceException;

/**
 * A CUDA driver call failed. The message names the call (and the kernel, for launches) and the driver's
 * error, e.g. {@code "cuMemcpyDtoH failed: CUDA_ERROR_ILLEGAL_ADDRESS (700)"}.
 */
public class CudaException extends DeviceException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;

    /**
     * @param call the driver function (and what it was doing), e.g. {@code "cuLaunchKernel(gemm_f32)"}
     * @param code the driver's {@code CUresult}
     * @param errorName the driver's name of the code, e.g. {@code "CUDA_ERROR_OUT_OF_MEMORY"}
     */
    public CudaException(String call, int code, String errorName) {
        this(call + " failed: " + errorName + " (" + code + ")", call, code);
    }

    /** An exception with a message of its own (the call and code are still recorded). */
    protected CudaException(String message, String call, int code) {
        super(message);
        this.call = call;
        this.code = code;
    }

    /**
     * This failure attributed to a kernel (found by synchronizing right after its launch): the message
     * starts with {@code "kernel <what> failed: "}.
     */
    public CudaException inKernel(String what) {
        return new CudaException("kernel " + what + " failed: " + getMessage(), call, code);
    }

    /** The driver call that failed. */
    public String call() {
        return call;
    }

    /** The driver's error code ({@code CUresult}). */
    public int code() {
        return code;
    }
}
