package astrograd.astro.lightcurve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a light curve from a file, recognized by its content (the extension only shapes the error message):
 * <ul>
 *   <li><b>{@code .npy}</b> of shape (3, N) — rows time, flux, flux error (stella's format). Rows with a non-finite
 *   value are dropped. The name is the file name without extension; the time system is unknown (stella's files
 *   are in BTJD).</li>
 *   <li><b>FITS</b> ({@code .fits}, {@code .fits.gz}) — a TESS SPOC / TESS-SPOC HLSP or Kepler/K2 light curve:
 *   HDU 1 is a binary table with {@code TIME}, the flux and error columns chosen by
 *   {@link ReadOptions#fluxColumn()} ({@code PDCSAP_FLUX}/{@code PDCSAP_FLUX_ERR} by default, falling back to
 *   {@code SAP_FLUX}/{@code SAP_FLUX_ERR} when the file has no PDCSAP columns) and the quality flags
 *   ({@code QUALITY} for TESS, {@code SAP_QUALITY} for Kepler). A cadence is kept when time, flux and error are
 *   finite and {@code (quality & mask) == 0}, with the mask from {@link ReadOptions#qualityMask()} resolved for
 *   the mission ({@link QualityMask}). Columns stored scaled ({@code TSCALn}, {@code TZEROn}) are read as their
 *   physical values, and integer values equal to {@code TNULLn} as NaN. The name comes from the {@code OBJECT}
 *   keyword, else {@code TICID}/{@code KEPLERID}, else the file name; the TIC from {@code TICID}.</li>
 * </ul>
 * The kept cadences are sorted by time and repeated times are dropped (the first one stays), as
 * {@link LightCurve} needs strictly increasing times. Fewer than {@link ReadOptions#minCadences()} kept cadences
 * is an error. Errors are {@link IOException}s whose message starts with the file.
 */
public final class LightCurveReader {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] FITS_MAGIC = "SIMPLE  =".getBytes(StandardCharsets.US_ASCII);

    /**
     * A light curve with what the file said about it.
     *
     * @param lightCurve the valid cadences
     * @param mission the mission recognized from the header (UNKNOWN for {@code .npy})
     * @param timeSystem "BTJD", "BKJD", {@code "BJD-<reference>"} or "unknown"
     * @param bjdReference the BJD that time 0 stands for ({@code BJDREFI + BJDREFF}), NaN when unknown
     * @param fluxColumn the flux column read ("PDCSAP_FLUX", "SAP_FLUX"; "row 1" for {@code .npy})
     * @param qualityBits the quality mask applied (0 when none)
     * @param rows the number of rows (cadences) in the file before any filtering
     * @param tic the TESS Input Catalog number from the header's {@code TICID} keyword (table header first, then
     *     the primary), empty when there is none ({@code .npy}, Kepler)
     */
    public record Result(LightCurve lightCurve, Mission mission, String timeSystem, double bjdReference,
            String fluxColumn, int qualityBits, int rows, OptionalLong tic) {
    }

    private LightCurveReader() {
    }

    /** Reads {@code file} with {@link ReadOptions#defaults()}. */
    public static LightCurve read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /** Reads {@code file} with {@code options}. */
    public static LightCurve read(Path file, ReadOptions options) throws IOException {
        return readWithInfo(file, options).lightCurve();
    }

    /** Reads {@code file} with {@code options} and returns the header information too. */
    public static Result readWithInfo(Path file, ReadOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": not readable");
        }
        byte[] head = head(file, 16);
        if (startsWith(head, NPY_MAGIC)) {
            return readNpy(file, Npy.parse(content(file), file.toString()), options);
        }
        if (startsWith(head, FITS_MAGIC)) {
            return FitsLightCurves.read(file, options);
        }
        throw new IOException(file + ": neither a .npy nor a FITS file (it starts with '" + printable(head)
                + "'); expected a .npy array of shape (3, N) or a SPOC/Kepler light-curve .fits or .fits.gz");
    }

    /** The file name without {@code .npy}, {@code .fits}, {@code .fits.gz} or similar extensions. */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Result readNpy(Path file, Npy.Array array, ReadOptions options) throws IOException {
        int[] shape = array.shape();
        if (shape.length != 2 || shape[0] != 3) {
            throw new IOException(file + ": a light-curve .npy must have shape (3, N) (rows time, flux, error), "
                    + "but it has " + Arrays.toString(shape));
        }
        LightCurve lc = assemble(file, baseName(file), array.row(0), array.row(1), array.row(2), null, 0, options);
        return new Result(lc, Mission.UNKNOWN, Mission.UNKNOWN.timeSystem(), Double.NaN, "row 1", 0, shape[1],
                OptionalLong.empty());
    }

    /**
     * Keeps the cadences with finite time, flux and error and {@code (quality & mask) == 0}, sorts them by time,
     * drops repeated times and checks that at least {@code options.minCadences()} remain.
     *
     * @param quality the quality flags, or null for none
     */
    static LightCurve assemble(Path file, String name, double[] time, double[] flux, double[] err, long[] quality,
            int mask, ReadOptions options) throws IOException {
        int[] keep = IntStream.range(0, time.length)
                .filter(i -> Double.isFinite(time[i]) && Double.isFinite(flux[i]) && Double.isFinite(err[i]))
                .filter(i -> quality == null || (quality[i] & (mask & 0xffffffffL)) == 0)
                .boxed().sorted(Comparator.comparingDouble(i -> time[i])).mapToInt(Integer::intValue).toArray();
        int n = 0;
        for (int k = 0; k < keep.length; k++) {
            if (n == 0 || time[keep[k]] > time[keep[n - 1]]) {
                keep[n++] = keep[k];
            }
        }
        if (n < options.minCadences()) {
            String how = quality == null ? "after dropping non-finite rows"
                    : "after quality filtering (mask " + QualityMask.hex(mask) + ") and dropping non-finite values";
            throw new IOException(file + ": only " + n + " valid cadences of " + time.length + " " + how
                    + "; at least " + options.minCadences() + " are needed (ReadOptions.minCadences)");
        }
        double[] t = new double[n];
        double[] f = new double[n];
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = time[keep[k]];
            f[k] = flux[keep[k]];
            e[k] = err[keep[k]];
        }
        return new LightCurve(name, t, f, e);
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(n);
            return gzipped(b) ? gunzip(file, Files.newInputStream(file), n) : b;
        }
    }

    private static byte[] content(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        return gzipped(raw) ? gunzip(file, new java.io.ByteArrayInputStream(raw), Integer.MAX_VALUE) : raw;
    }

    private static boolean gzipped(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /**
     * At most {@code limit} bytes of the gzip stream {@code in} (closed here); a corrupt or truncated stream is an
     * error naming {@code file}. Reading to the end also checks the trailer's CRC and length.
     */
    private static byte[] gunzip(Path file, InputStream in, int limit) throws IOException {
        try (InputStream gz = new GZIPInputStream(in)) {
            return gz.readNBytes(limit);
        } catch (IOException e) {
            throw new IOException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(Arrays.copyOf(b, prefix.length), prefix);
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(x >= 32 && x < 127 ? (char) x : '?');
        }
        return s.toString();
    }
}
