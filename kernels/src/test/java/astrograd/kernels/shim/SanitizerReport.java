package astrograd.kernels.shim;

/**
 * The lines of an AddressSanitizer or UndefinedBehaviorSanitizer report that say what happened and where in
 * the kernels: the error line, the access, the innermost frames and those in kernels/src/main/cuda, the summary. The rest (frames
 * in the shim's scheduler and the standard library) is noise in a test failure.
 */
final class SanitizerReport {
    private SanitizerReport() {
    }

    static String summarize(String stderr) {
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.split("\n")) {
            boolean keep = line.contains("ERROR: AddressSanitizer") || line.contains("runtime error")
                    || line.startsWith("READ of size") || line.startsWith("WRITE of size")
                    || line.startsWith("SUMMARY") || line.contains("is located")
                    || (line.trim().startsWith("#") && (line.contains("src/main/cuda/") || line.trim().matches("#[0-2] .*")))
                    || line.startsWith("shim:");
            if (keep) {
                sb.append(shorten(line.trim())).append('\n');
            }
        }
        return sb.length() > 0 ? sb.toString() : stderr;
    }

    /** Frames name templates with all their arguments; the file and line are what matter. */
    private static String shorten(String line) {
        return line.length() > 240 ? line.substring(0, 120) + " ... " + line.substring(line.length() - 100) : line;
    }
}
