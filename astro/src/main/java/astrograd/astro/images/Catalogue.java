package astrograd.astro.images;

import astrograd.layers.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Detections as CSV: {@code x,y,significance,flux} (pixels 0-based, σ units, science flux units). */
public final class Catalogue {
    private Catalogue() {
    }

    public static String csv(List<Detection> found) {
        StringBuilder sb = new StringBuilder("x,y,significance,flux\n");
        for (Detection d : found) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.6g%n", d.x(), d.y(), d.significance(), d.flux()));
        }
        return sb.toString();
    }

    /** Writes {@link #csv} atomically. */
    public static void write(Path file, List<Detection> found) throws IOException {
        AtomicFile.write(file, csv(found).getBytes(StandardCharsets.UTF_8));
    }
}
