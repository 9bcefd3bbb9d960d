package astrograd.kernels.shim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Host arrays (float, double, int, long, byte) to and from little-endian bytes. */
final class HostArrays {
    private HostArrays() {
    }

    static int elementSize(Object a) {
        return a instanceof double[] || a instanceof long[] ? 8 : a instanceof byte[] ? 1 : 4;
    }

    static byte[] toBytes(Object a, int count) {
        ByteBuffer b = ByteBuffer.allocate(count * elementSize(a)).order(ByteOrder.LITTLE_ENDIAN);
        if (a instanceof float[]) {
            b.asFloatBuffer().put((float[]) a, 0, count);
        } else if (a instanceof double[]) {
            b.asDoubleBuffer().put((double[]) a, 0, count);
        } else if (a instanceof int[]) {
            b.asIntBuffer().put((int[]) a, 0, count);
        } else if (a instanceof long[]) {
            b.asLongBuffer().put((long[]) a, 0, count);
        } else {
            b.put((byte[]) a, 0, count);
        }
        return b.array();
    }

    static void fromBytes(ByteBuffer b, Object a, int count) {
        if (a instanceof float[]) {
            b.asFloatBuffer().get((float[]) a, 0, count);
        } else if (a instanceof double[]) {
            b.asDoubleBuffer().get((double[]) a, 0, count);
        } else if (a instanceof int[]) {
            b.asIntBuffer().get((int[]) a, 0, count);
        } else if (a instanceof long[]) {
            b.asLongBuffer().get((long[]) a, 0, count);
        } else {
            b.get((byte[]) a, 0, count);
        }
    }
}
