package astrograd.astro.cli;

import java.io.IOException;
import java.nio.file.Path;

/** A sampler run that {@code astrograd sample} advances in pieces, with a progress bar and checkpoints. */
interface SteppedRun {
    /** Steps (generations, iterations) taken so far. */
    long steps();

    void advance(long n);

    void checkpoint(Path file) throws IOException;
}
