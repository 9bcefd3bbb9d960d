package astrograd.inference.diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A minimal reader of C-ordered little-endian float64 .npy files (versions 1 and 2), for test fixtures. */
final class Npy {
    final int[] shape;
    final double[] data;

    private Npy(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    static Npy read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(path + ": not an .npy file");
        }
        int major = b.get();
        b.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] h = new byte[headerLength];
        b.get(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        if (!header.contains("'<f8'") || header.contains("'fortran_order': True")) {
            throw new IOException(path + ": need C-ordered <f8, header " + header.trim());
        }
        String dims = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')', header.indexOf("'shape'")));
        int[] shape = Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        double[] data = new double[n];
        b.asDoubleBuffer().get(data);
        return new Npy(shape, data);
    }

    /** Rows of a 2-D array. */
    double[][] rows() {
        double[][] out = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(data, i * shape[1], out[i], 0, shape[1]);
        }
        return out;
    }
}
