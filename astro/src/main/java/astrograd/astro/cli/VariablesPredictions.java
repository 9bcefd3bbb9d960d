package astrograd.astro.cli;

import astrograd.astro.variables.BadStarException;
import astrograd.astro.variables.TrainedModel;
import astrograd.layers.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The predictions file: header {@code id,predicted,p_<code>...,note}; one row per classified star (the most probable
 * class code and the probabilities), then one row per skipped star with an empty prediction and probabilities and the
 * reason in {@code note}.
 */
final class VariablesPredictions {
    private VariablesPredictions() {
    }

    /** Writes {@code text} atomically ({@link AtomicFile}: devices such as /dev/stdout are written in place). */
    static void writeAtomically(Path out, String text) throws IOException {
        AtomicFile.write(out, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path out, List<String> codes, List<String> ids, double[][] probs, List<BadStarException> skipped)
            throws IOException {
        StringBuilder sb = new StringBuilder("id,predicted");
        codes.forEach(c -> sb.append(",p_").append(c));
        sb.append(",note\n");
        int[] best = TrainedModel.argmax(probs);
        for (int i = 0; i < ids.size(); i++) {
            sb.append(ids.get(i)).append(',').append(codes.get(best[i]));
            for (double v : probs[i]) {
                sb.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            sb.append(",\n");
        }
        for (BadStarException b : skipped) {
            sb.append(b.starId()).append(',');
            sb.append(",".repeat(codes.size()));
            sb.append(',').append(b.getMessage().replace(',', ';').replace('\n', ' ')).append('\n');
        }
        writeAtomically(out, sb.toString());
    }
}
