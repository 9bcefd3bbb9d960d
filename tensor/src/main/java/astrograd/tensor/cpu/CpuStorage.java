package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Storage;
import astrograd.tensor.TensorScope;
import java.util.Arrays;

/**
 * Host storage backed by one Java primitive array: float[], double[], int[], long[] or boolean[]. Storage the
 * engine allocates registers with the open {@link TensorScope}, if any; when released, its array goes back to the
 * {@link ArrayPool} and reads through it throw. A caller's array ({@link #wrap}) is never released or pooled.
 */
public final class CpuStorage extends Storage {
    private volatile Object array;

    private CpuStorage(DType dtype, Object array, int size) {
        this(dtype, array, size, true);
    }

    private CpuStorage(DType dtype, Object array, int size, boolean scoped) {
        super(dtype, size);
        this.array = array;
        if (scoped) {
            TensorScope.register(this);
        }
    }

    /** An array the engine has just allocated (or cloned) for a result: scoped and pooled like any other. */
    static CpuStorage adopt(DType dtype, Object array) {
        return new CpuStorage(dtype, array, java.lang.reflect.Array.getLength(array), true);
    }

    /** Zero-filled storage. */
    public static CpuStorage allocate(DType dtype, int n) {
        Object pooled = ArrayPool.take(dtype, n);
        if (pooled != null) {
            zero(pooled, dtype);
            return new CpuStorage(dtype, pooled, n);
        }
        return new CpuStorage(dtype, newArray(dtype, n), n);
    }

    /**
     * Storage whose contents are unspecified (a recycled array when one is pooled): only for outputs the
     * caller overwrites completely.
     */
    public static CpuStorage uninitialized(DType dtype, int n) {
        Object pooled = ArrayPool.take(dtype, n);
        return new CpuStorage(dtype, pooled != null ? pooled : newArray(dtype, n), n);
    }

    /** A fresh zeroed host array of the dtype, owned by nobody (for handing out to callers). */
    static Object newArray(DType dtype, int n) {
        switch (dtype) {
            case F32: return new float[n];
            case F64: return new double[n];
            case I32: return new int[n];
            case I64: return new long[n];
            default: return new boolean[n];
        }
    }

    private static void zero(Object a, DType dtype) {
        switch (dtype) {
            case F32: Arrays.fill((float[]) a, 0f); break;
            case F64: Arrays.fill((double[]) a, 0d); break;
            case I32: Arrays.fill((int[]) a, 0); break;
            case I64: Arrays.fill((long[]) a, 0L); break;
            default: Arrays.fill((boolean[]) a, false);
        }
    }

    /**
     * Wraps an array that stays the caller's (it must not be written while tensors read it): never registered with a
     * {@link TensorScope}, so never released, and never put into the {@link ArrayPool}, where a later result
     * would overwrite it.
     */
    public static CpuStorage wrap(DType dtype, Object array) {
        return new CpuStorage(dtype, array, java.lang.reflect.Array.getLength(array), false);
    }

    @Override
    protected void release() {
        Object a = array;
        array = null;
        if (a != null) {
            ArrayPool.give(dtype(), a, size());
        }
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    /**
     * The backing array (shared, not copied).
     *
     * @throws IllegalStateException if the storage was released by its {@link TensorScope}
     */
    public Object array() {
        Object a = array;
        if (a == null) {
            throw new IllegalStateException("tensor storage was released when its TensorScope closed; "
                    + "keep() tensors that must outlive the scope");
        }
        return a;
    }

    public float[] f32() {
        return (float[]) array();
    }

    public double[] f64() {
        return (double[]) array();
    }

    public int[] i32() {
        return (int[]) array();
    }

    public long[] i64() {
        return (long[]) array();
    }

    public boolean[] bool() {
        return (boolean[]) array();
    }
}
