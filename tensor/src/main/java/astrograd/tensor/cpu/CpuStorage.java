package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Storage;

/** Host storage backed by one Java primitive array: float[], double[], int[], long[] or boolean[]. */
public final class CpuStorage extends Storage {
    private final Object array;

    CpuStorage(DType dtype, Object array, int size) {
        super(dtype, size);
        this.array = array;
    }

    /** Zero-filled storage. */
    public static CpuStorage allocate(DType dtype, int n) {
        switch (dtype) {
            case F32: return new CpuStorage(dtype, new float[n], n);
            case F64: return new CpuStorage(dtype, new double[n], n);
            case I32: return new CpuStorage(dtype, new int[n], n);
            case I64: return new CpuStorage(dtype, new long[n], n);
            default: return new CpuStorage(dtype, new boolean[n], n);
        }
    }

    /** Wraps an array the caller hands over (it must not be written afterwards). */
    public static CpuStorage wrap(DType dtype, Object array) {
        return new CpuStorage(dtype, array, java.lang.reflect.Array.getLength(array));
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    /** The backing array (shared, not copied). */
    public Object array() {
        return array;
    }

    public float[] f32() {
        return (float[]) array;
    }

    public double[] f64() {
        return (double[]) array;
    }

    public int[] i32() {
        return (int[]) array;
    }

    public long[] i64() {
        return (long[]) array;
    }

    public boolean[] bool() {
        return (boolean[]) array;
    }
}
