package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurveReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TESS Input Catalog number of a light curve, which links it to a flare catalogue: the FITS header's
 * {@code TICID} where there is one, else a file name of a known form. A number that cannot be told, or a header
 * and a file name that disagree, is an error: a guessed number silently matches another star's flares or none.
 */
public final class TicNumber {
    /** "TIC 2760232", "tic_2760232", "TIC2760232" anywhere in the name. */
    private static final Pattern TIC_PREFIX = Pattern.compile("(?<![a-z])tic[ _-]?(\\d+)(?!\\d)");
    /** stella's files: the TIC first, then an underscore ("002760232_sector02"), or the number alone. */
    private static final Pattern LEADING = Pattern.compile("^(\\d+)(?:_.*)?$");
    /** SPOC and MAST HLSP products: the TIC zero-padded to 16 digits ("tess2018…-s0002-0000000002760232-…"). */
    private static final Pattern PADDED = Pattern.compile("^(?:tess|hlsp_).*?(?<!\\d)(\\d{16})(?!\\d)");

    private TicNumber() {
    }

    /**
     * The TIC in a light-curve or file name without extension: {@code TIC 2760232} (any case; a space, underscore,
     * hyphen or nothing before the digits), stella's {@code 002760232_sector02}, or the 16-digit field of a SPOC
     * ({@code tess2018206045859-s0001-0000000025155310-0120-s_lc}) or TESS HLSP name. Empty for any other name:
     * digits elsewhere ({@code s0037_lc}, {@code kplr010002792}) are not taken for a TIC.
     */
    public static OptionalLong fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Pattern p : List.of(TIC_PREFIX, LEADING, PADDED)) {
            Matcher m = p.matcher(n);
            if (m.find()) {
                String digits = m.group(1).replaceFirst("^0+", "");
                return digits.isEmpty() || digits.length() > 18 ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The TIC of a light curve read from {@code file}: the header's {@code TICID}, checked against the file name
     * when that names a TIC too, else the file name's.
     *
     * @throws IOException when neither gives one, or when they differ
     */
    public static long of(Path file, LightCurveReader.Result read) throws IOException {
        OptionalLong header = read.tic();
        OptionalLong name = fromName(LightCurveReader.baseName(file));
        if (header.isPresent() && name.isPresent() && header.getAsLong() != name.getAsLong()) {
            throw new IOException(file + ": the header's TICID is " + header.getAsLong() + " but the file name says TIC "
                    + name.getAsLong());
        }
        if (header.isPresent() || name.isPresent()) {
            return header.isPresent() ? header.getAsLong() : name.getAsLong();
        }
        throw new IOException(file + ": cannot tell its TIC to match the flare catalogue: no TICID in the header, and"
                + " the file name is not of the form <TIC>_<anything> (stella's 002760232_sector02.npy), TIC<number>,"
                + " or a SPOC/HLSP name with the 16-digit TIC");
    }
}
