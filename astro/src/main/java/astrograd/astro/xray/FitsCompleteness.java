package astrograd.astro.xray;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;

/**
 * nom-tam-fits logs a warning and returns what it could read when a file ends early; this check turns that into an
 * error. Every HDU's data must end within the (decompressed) file: a data block of
 * {@code |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 ⋯ NAXISn)} bytes from its offset, padded to whole 2880-byte blocks
 * (the standard requires the padding, and a file cut at a block boundary inside it would silently lose the
 * extensions after it). Bytes after the last whole HDU that start with {@code XTENSION} are an extension cut
 * short.
 */
final class FitsCompleteness {
    private static final int BLOCK = 2880;

    private FitsCompleteness() {
    }

    static void check(Path file, BasicHDU<?>[] hdus) throws IOException {
        long available = contentLength(file);
        long end = 0;
        for (int i = 0; i < hdus.length; i++) {
            Header h = hdus[i].getHeader();
            long bytes = dataBytes(h);
            long offset = hdus[i].getData().getFileOffset();
            if (offset < 0) {
                offset = hdus[i].getFileOffset() + h.getSize();
            }
            long needed = offset + bytes;
            if (needed > available) {
                throw new IOException(file + ": truncated: HDU " + i + " '" + h.getStringValue("EXTNAME", "").trim()
                        + "' needs " + needed + " bytes but the file holds " + available);
            }
            end = offset + (bytes + BLOCK - 1) / BLOCK * BLOCK;
        }
        if (available < end) {
            throw new IOException(file + ": truncated: the file holds " + available + " bytes but its last HDU ends at "
                    + end + " (a FITS file is whole 2880-byte blocks; more extensions may be missing)");
        }
        if (available > end && startsWithXtension(file, end)) {
            throw new IOException(file + ": truncated: an extension header starts at byte " + end
                    + " but the file ends before it is complete");
        }
    }

    private static long dataBytes(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long product = 1;
        for (int n = 1; n <= naxis; n++) {
            product *= h.getLongValue("NAXIS" + n, 0);
        }
        long bytesPerValue = Math.abs(h.getIntValue("BITPIX", 8)) / 8;
        return bytesPerValue * h.getLongValue("GCOUNT", 1) * (h.getLongValue("PCOUNT", 0) + product);
    }

    private static boolean gzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static long contentLength(Path file) throws IOException {
        if (!gzip(file)) {
            return Files.size(file);
        }
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
            }
        } catch (EOFException e) {
            throw new IOException(file + ": truncated gzip stream (" + n + " bytes inflated)", e);
        }
        return n;
    }

    private static boolean startsWithXtension(Path file, long offset) throws IOException {
        byte[] head = new byte[8];
        try (InputStream in = gzip(file) ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            in.skipNBytes(offset);
            int got = in.readNBytes(head, 0, 8);
            return got == 8 && new String(head, StandardCharsets.US_ASCII).equals("XTENSION");
        } catch (EOFException e) {
            return false;
        }
    }
}
