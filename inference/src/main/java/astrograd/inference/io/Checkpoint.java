package astrograd.inference.io;

import astrograd.layers.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A sampler checkpoint file: the magic {@code ASTROGRAD-MCMC\0\1} (16 bytes), a kind (e.g. {@code demc}), a
 * configuration fingerprint, the sampler's fields in order (big-endian longs and doubles, arrays with an int
 * length), and a CRC-32 of everything before it (8 bytes). Written to a temporary file renamed over the target, so a
 * crash leaves the previous checkpoint whole; read back with every byte checked, so a truncated or damaged file is
 * refused with one line.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "ASTROGRAD-MCMC\0\1".getBytes(StandardCharsets.US_ASCII);

    private Checkpoint() {
    }

    /** Collects fields in memory, then {@link #writeTo} the file atomically. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Writer(String kind, String fingerprint) {
            try {
                out.write(MAGIC);
                putText(kind);
                putText(fingerprint);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void putText(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        public Writer putLong(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public Writer putLongs(long[] v) {
            putLong(v.length);
            for (long x : v) {
                putLong(x);
            }
            return this;
        }

        public Writer putDoubles(double[] v) {
            putLong(v.length);
            try {
                for (double x : v) {
                    out.writeLong(Double.doubleToRawLongBits(x));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** Appends the checksum and writes the file atomically. */
        public void writeTo(Path path) throws IOException {
            byte[] body = bytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            AtomicFile.writeAt(path, tmp -> {
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    o.write(body);
                    o.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
                }
            });
        }
    }

    /** Reads fields in the order written; every failure is an {@link IOException} with one line naming the file. */
    public static final class Reader {
        private final Path path;
        private final ByteBuffer in;
        private final String fingerprint;

        /**
         * Opens {@code path}, checks its magic, kind and checksum.
         *
         * @throws IOException when the file is missing, of another kind, truncated or damaged
         */
        public Reader(Path path, String kind) throws IOException {
            this.path = path;
            byte[] all;
            try {
                all = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new IOException("checkpoint " + path + " does not exist");
            }
            if (all.length < MAGIC.length + 8 || !ByteBuffer.wrap(all, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
                throw new IOException("checkpoint " + path + " is not an astrograd sampler checkpoint (or is truncated"
                        + " to " + all.length + " bytes)");
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
                throw new IOException("checkpoint " + path + " is truncated or corrupt (checksum mismatch over "
                        + all.length + " bytes)");
            }
            this.in = ByteBuffer.wrap(all, MAGIC.length, all.length - 8 - MAGIC.length);
            String k = utf();
            if (!k.equals(kind)) {
                throw new IOException("checkpoint " + path + " holds a " + k + " run, not a " + kind + " run");
            }
            this.fingerprint = utf();
        }

        /**
         * Opens {@code path} as {@link #Reader(Path, String)} does and checks that it was written with
         * {@code fingerprint}.
         *
         * @throws IOException also when the file was written by another configuration
         */
        public Reader(Path path, String kind, String fingerprint) throws IOException {
            this(path, kind);
            if (!this.fingerprint.equals(fingerprint)) {
                throw new IOException("checkpoint " + path + " was written by " + this.fingerprint + ", not by "
                        + fingerprint);
            }
        }

        /** The configuration the run was written with. */
        public String fingerprint() {
            return fingerprint;
        }

        public long getLong() throws IOException {
            try {
                return in.getLong();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        /** A long that must lie in [min, max]. */
        public long getLong(long min, long max, String what) throws IOException {
            long v = getLong();
            if (v < min || v > max) {
                throw new IOException("checkpoint " + path + ": " + what + " is " + v + ", expected " + min + ".." + max);
            }
            return v;
        }

        public long[] getLongs(int expected, String what) throws IOException {
            int n = length(expected, what);
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = getLong();
            }
            return v;
        }

        /** An array of {@code expected} doubles (any length when {@code expected < 0}). */
        public double[] getDoubles(int expected, String what) throws IOException {
            int n = length(expected, what);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Double.longBitsToDouble(getLong());
            }
            return v;
        }

        /** Checks that every byte was read. */
        public void end() throws IOException {
            if (in.hasRemaining()) {
                throw new IOException("checkpoint " + path + " has " + in.remaining() + " unexpected bytes at the end");
            }
        }

        private int length(int expected, String what) throws IOException {
            long n = getLong();
            if (n < 0 || n > in.remaining() / 8 || expected >= 0 && n != expected) {
                throw new IOException("checkpoint " + path + ": " + what + " has length " + n
                        + (expected >= 0 ? ", expected " + expected : ", more than the file holds"));
            }
            return (int) n;
        }

        private String utf() throws IOException {
            try {
                int n = in.getInt();
                if (n < 0 || n > in.remaining()) {
                    throw truncated();
                }
                byte[] b = new byte[n];
                in.get(b);
                return new String(b, StandardCharsets.UTF_8);
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        private IOException truncated() {
            return new IOException("checkpoint " + path + " ends early (truncated)");
        }
    }
}
