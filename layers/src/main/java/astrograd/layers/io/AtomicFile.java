package astrograd.layers.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * Replaces a file all at once: the content goes to a temporary file in the same directory, which is
 * flushed to the disk ({@code fsync}) and then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Readers see the old file or the new one, never a partial one;
 * if writing fails the temporary file is deleted and the old file is untouched.
 */
public final class AtomicFile {
    /** Writes the whole content into the channel it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces {@code target} with what {@code content} writes (the parent folder must exist). */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, UnaryOperator.identity());
    }

    /** Replaces {@code target} with {@code bytes}, creating its parent folders. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        write(target, out -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                out.write(b);
            }
        });
    }

    /**
     * As {@link #write(Path, Content)}, with the temporary file's channel passed through {@code decorate}
     * first (tests use it to make the write fail midway).
     */
    static void write(Path target, Content content, UnaryOperator<WritableByteChannel> decorate) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            writeInPlace(target, content);
            return;
        }
        replace(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(decorate.apply(ch));
            }
        });
    }

    /** Writes a whole file at the path it is given (for writers that open the file themselves). */
    @FunctionalInterface
    public interface PathContent {
        void writeTo(Path tmp) throws IOException;
    }

    /**
     * Replaces {@code target} with the file {@code content} writes at a temporary path beside it, creating the
     * parent folders; the same guarantees as {@link #write(Path, Content)}.
     */
    public static void writeAt(Path target, PathContent content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        replace(target, content);
    }

    private static void replace(Path target, PathContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            content.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically on this file system", e);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A device or pipe ({@code /dev/null}, {@code /dev/stdout}, a FIFO) cannot be replaced by a rename — that would
     * put a regular file in its place — so it is written directly.
     */
    private static void writeInPlace(Path target, Content content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory, not a file");
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            content.writeTo(ch);
        }
    }

    /** Temporary files are created owner-only (0600); the result should be like any new file (0644). */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open directories; the rename itself is still atomic there.
        }
    }
}
