package astrograd.tensor;

/**
 * A flat buffer of {@link #size()} elements of one dtype on one device. Storage is shared by all views of
 * a tensor; tensors never write into storage they did not allocate themselves.
 */
public abstract class Storage {
    private final DType dtype;
    private final int size;
    /** The open scope that will release this storage, or null (the garbage collector's); see {@link TensorScope}. */
    TensorScope scope;

    protected Storage(DType dtype, int size) {
        this.dtype = dtype;
        this.size = size;
    }

    public final DType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public final int size() {
        return size;
    }

    public abstract Device device();

    /**
     * Gives the memory back to the backend (called by {@link TensorScope#close()}); afterwards every read
     * through this storage throws. The default does nothing.
     */
    protected void release() {
    }
}
