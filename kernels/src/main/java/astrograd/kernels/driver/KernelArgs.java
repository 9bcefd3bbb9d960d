package astrograd.kernels.driver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one kernel launch, in the kernel's order, each with its C type: a device pointer, an
 * int, a long long, a float, a double, an unsigned char, or a struct of ints (a {@code Layout} or
 * {@code GemmArgs}, packed by the host as its fields in order). Drivers turn them into what they pass: JCuda
 * pointers to host values, or the bytes the host shim checks against the kernel's parameter sizes.
 */
public final class KernelArgs {
    /** The C type of a parameter. */
    public enum Kind {
        POINTER(8), INT(4), LONG(8), FLOAT(4), DOUBLE(8), BYTE(1), INT_STRUCT(-1);

        private final int size;

        Kind(int size) {
            this.size = size;
        }
    }

    private final List<Kind> kinds = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private KernelArgs add(Kind kind, Object value) {
        kinds.add(kind);
        values.add(value);
        return this;
    }

    /** A device pointer. */
    public KernelArgs pointer(long address) {
        return add(Kind.POINTER, address);
    }

    /** An {@code int}. */
    public KernelArgs i32(int v) {
        return add(Kind.INT, v);
    }

    /** A {@code long long} (or {@code unsigned long long}: the same bits). */
    public KernelArgs i64(long v) {
        return add(Kind.LONG, v);
    }

    /** A {@code float}. */
    public KernelArgs f32(float v) {
        return add(Kind.FLOAT, v);
    }

    /** A {@code double}. */
    public KernelArgs f64(double v) {
        return add(Kind.DOUBLE, v);
    }

    /** An {@code unsigned char}. */
    public KernelArgs u8(byte v) {
        return add(Kind.BYTE, v);
    }

    /** A struct whose fields are all {@code int}, passed by value (the array is copied). */
    public KernelArgs struct(int[] fields) {
        return add(Kind.INT_STRUCT, fields.clone());
    }

    /** Number of parameters. */
    public int size() {
        return kinds.size();
    }

    /** The C type of parameter i. */
    public Kind kind(int i) {
        return kinds.get(i);
    }

    /** Parameter i: a Long, Integer, Float, Double, Byte or int[]. */
    public Object value(int i) {
        return values.get(i);
    }

    /** Size in bytes of parameter i as the kernel sees it. */
    public int byteSize(int i) {
        Kind k = kinds.get(i);
        return k == Kind.INT_STRUCT ? 4 * ((int[]) values.get(i)).length : k.size;
    }

    /** Parameter i as little-endian bytes, the layout of the C value on the device and on x86 hosts. */
    public byte[] bytes(int i) {
        ByteBuffer b = ByteBuffer.allocate(byteSize(i)).order(ByteOrder.LITTLE_ENDIAN);
        Object v = values.get(i);
        switch (kinds.get(i)) {
            case POINTER:
            case LONG: b.putLong((Long) v); break;
            case INT: b.putInt((Integer) v); break;
            case FLOAT: b.putFloat((Float) v); break;
            case DOUBLE: b.putDouble((Double) v); break;
            case BYTE: b.put((Byte) v); break;
            default:
                for (int x : (int[]) v) {
                    b.putInt(x);
                }
        }
        return b.array();
    }
}
