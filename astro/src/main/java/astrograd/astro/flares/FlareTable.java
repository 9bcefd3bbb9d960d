package astrograd.astro.flares;

import astrograd.layers.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes identified flares as CSV with the columns {@code tpeak_btjd, tstart_btjd, tstop_btjd, amplitude,
 * fwhm_days, equivalent_duration_s, probability, significance_sigma} (times in the light curve's system: BTJD for
 * TESS; the significance is the amplitude over the light curve's noise σ).
 */
public final class FlareTable {
    /** The header line. */
    public static final String HEADER =
            "tpeak_btjd,tstart_btjd,tstop_btjd,amplitude,fwhm_days,equivalent_duration_s,probability,significance_sigma";

    private FlareTable() {
    }

    /** The CSV text of {@code flares}. */
    public static String csv(List<Flare> flares) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Flare f : flares) {
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6g,%.6g,%.6g,%.4f,%.2f\n", f.tpeak(), f.tstart(),
                    f.tstop(), f.amplitude(), f.fwhmDays(), f.equivalentDurationS(), f.probability(), f.significance()));
        }
        return sb.toString();
    }

    /** Writes the table atomically, creating parent folders. */
    public static void write(Path file, List<Flare> flares) throws IOException {
        AtomicFile.write(file, csv(flares).getBytes(StandardCharsets.UTF_8));
    }
}
