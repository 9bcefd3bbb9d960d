package astrograd.astro.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared real-data folder is: {@code -Dastrograd.data}, default {@code ../shared/data}. */
public final class DataPaths {
    private DataPaths() {
    }

    /** The shared data folder (it may not exist). */
    public static Path sharedData() {
        return Path.of(System.getProperty("astrograd.data", "../shared/data"));
    }

    /** {@code sharedData().resolve(relative)}, or null when that file is absent. */
    public static Path sharedFile(String relative) {
        Path p = sharedData().resolve(relative);
        return Files.exists(p) ? p : null;
    }
}
