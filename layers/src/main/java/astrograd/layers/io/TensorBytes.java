package astrograd.layers.io;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Raw little-endian row-major element bytes of a tensor, moved through a channel in chunks of at most
 * {@value #CHUNK_BYTES} bytes (so a large tensor never needs a second full-size byte copy). BOOL is one
 * byte per element, 0 or 1.
 */
final class TensorBytes {
    static final int CHUNK_BYTES = 1 << 20;

    private TensorBytes() {
    }

    /** The tensor's elements as a fresh row-major Java array of its dtype (any layout, any device). */
    static Object hostArray(Tensor t) {
        switch (t.dtype()) {
            case F32: return t.toFloatArray();
            case F64: return t.toDoubleArray();
            case I32: return t.toIntArray();
            case I64: return t.toLongArray();
            case BOOL: return t.toBooleanArray();
            default: throw new IllegalStateException("unhandled dtype " + t.dtype());
        }
    }

    /** Writes all elements of {@code t}: {@code numel · byteSize} bytes. */
    static void write(Tensor t, WritableByteChannel out) throws IOException {
        Object array = hostArray(t);
        int n = t.numel();
        int size = t.dtype().byteSize();
        int perChunk = CHUNK_BYTES / size;
        ByteBuffer buf = ByteBuffer.allocate(Math.min(perChunk, Math.max(n, 1)) * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += perChunk) {
            int len = Math.min(perChunk, n - start);
            buf.clear();
            encode(t.dtype(), array, start, len, buf);
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
    }

    private static void encode(DType dtype, Object array, int start, int len, ByteBuffer buf) {
        switch (dtype) {
            case F32: buf.asFloatBuffer().put((float[]) array, start, len); break;
            case F64: buf.asDoubleBuffer().put((double[]) array, start, len); break;
            case I32: buf.asIntBuffer().put((int[]) array, start, len); break;
            case I64: buf.asLongBuffer().put((long[]) array, start, len); break;
            default: {
                boolean[] b = (boolean[]) array;
                for (int i = 0; i < len; i++) {
                    buf.put(i, (byte) (b[start + i] ? 1 : 0));
                }
            }
        }
        buf.position(len * dtype.byteSize());
    }

    /**
     * Reads a tensor of {@code shape} whose bytes start at absolute file position {@code position}.
     *
     * @throws EOFException if the file ends first
     * @throws IllegalArgumentException naming the element for a BOOL byte other than 0 or 1
     */
    static Tensor read(FileChannel in, long position, DType dtype, int[] shape, int numel) throws IOException {
        Object array = newArray(dtype, numel);
        int size = dtype.byteSize();
        int perChunk = CHUNK_BYTES / size;
        ByteBuffer buf = ByteBuffer.allocate(Math.min(perChunk, Math.max(numel, 1)) * size).order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        for (int start = 0; start < numel; start += perChunk) {
            int len = Math.min(perChunk, numel - start);
            buf.clear().limit(len * size);
            while (buf.hasRemaining()) {
                int got = in.read(buf, pos + buf.position());
                if (got < 0) {
                    throw new EOFException("file ends at byte " + (pos + buf.position()) + " inside the tensor data");
                }
            }
            buf.flip();
            decode(dtype, buf, array, start, len);
            pos += (long) len * size;
        }
        return wrap(dtype, array, shape);
    }

    private static Object newArray(DType dtype, int n) {
        switch (dtype) {
            case F32: return new float[n];
            case F64: return new double[n];
            case I32: return new int[n];
            case I64: return new long[n];
            default: return new boolean[n];
        }
    }

    private static void decode(DType dtype, ByteBuffer buf, Object array, int start, int len) {
        switch (dtype) {
            case F32: buf.asFloatBuffer().get((float[]) array, start, len); break;
            case F64: buf.asDoubleBuffer().get((double[]) array, start, len); break;
            case I32: buf.asIntBuffer().get((int[]) array, start, len); break;
            case I64: buf.asLongBuffer().get((long[]) array, start, len); break;
            default: {
                boolean[] b = (boolean[]) array;
                for (int i = 0; i < len; i++) {
                    byte v = buf.get(i);
                    if (v != 0 && v != 1) {
                        throw new IllegalArgumentException("BOOL element " + (start + i) + " has byte value " + v
                                + " (must be 0 or 1)");
                    }
                    b[start + i] = v == 1;
                }
            }
        }
    }

    private static Tensor wrap(DType dtype, Object array, int[] shape) {
        switch (dtype) {
            case F32: return Tensor.of((float[]) array, shape);
            case F64: return Tensor.of((double[]) array, shape);
            case I32: return Tensor.of((int[]) array, shape);
            case I64: return Tensor.of((long[]) array, shape);
            default: return Tensor.of((boolean[]) array, shape);
        }
    }
}
