package astrograd.kernels;

/**
 * The device is out of memory even after the allocator freed its cache and retried. The message gives the
 * request and the bytes held by live buffers.
 */
public class CudaOutOfMemoryException extends CudaException {
    private static final long serialVersionUID = 1L;

    /** The driver's {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    public static final int CODE = 2;

    public CudaOutOfMemoryException(String call, String message) {
        super(message, call, CODE);
    }
}
