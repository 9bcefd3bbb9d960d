package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @Test
    void bytesReplaceTheFileInNewFoldersReadableByAll(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/out.bin");
        AtomicFile.write(target, new byte[] {1, 2, 3});
        AtomicFile.write(target, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        }
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void devicesAreWrittenInPlaceNotReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null here");
        AtomicFile.write(devNull, new byte[] {1, 2, 3});
        org.junit.jupiter.api.Assertions.assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
    }

    @Test
    void aDirectoryIsNotAFile(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(dir, new byte[] {1}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void aFailedWriteKeepsTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("keep.bin");
        AtomicFile.write(target, new byte[] {7});
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
    }
}
