package astrograd.inference.io;

import astrograd.inference.Draws;
import astrograd.layers.io.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link Draws} as .npy and CSV; every write goes to a temporary file renamed over the target. */
public final class DrawsWriter {
    private DrawsWriter() {
    }

    /** NPY format 1.0: magic, version, a little-endian header length, a padded dict header, then {@code <f8} data. */
    public static void writeNpy(Draws draws, Path path) throws IOException {
        writeNpy(draws.values(), new int[] {draws.chains(), draws.draws(), draws.dim()}, path);
    }

    /** Any C-ordered float64 array of the given shape as NPY 1.0. */
    public static void writeNpy(double[] values, int[] shape, Path path) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int s : shape) {
            dims.append(s).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length());
        AtomicFile.writeAt(path, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(head.array());
                out.write(header.getBytes(StandardCharsets.US_ASCII));
                ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    if (!data.hasRemaining()) {
                        out.write(data.array(), 0, data.position());
                        data.clear();
                    }
                    data.putDouble(v);
                }
                out.write(data.array(), 0, data.position());
            }
        });
    }

    /** CSV: a header {@code chain,draw,<names>}, then one row per draw with values in round-trip precision. */
    public static void writeCsv(Draws draws, Path path) throws IOException {
        AtomicFile.writeAt(path, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("chain,draw," + String.join(",", draws.names()));
                w.newLine();
                for (int c = 0; c < draws.chains(); c++) {
                    for (int n = 0; n < draws.draws(); n++) {
                        StringBuilder row = new StringBuilder().append(c).append(',').append(n);
                        for (int d = 0; d < draws.dim(); d++) {
                            row.append(',').append(draws.get(c, n, d));
                        }
                        w.write(row.toString());
                        w.newLine();
                    }
                }
            }
        });
    }
}
