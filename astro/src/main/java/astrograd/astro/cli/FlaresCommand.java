package astrograd.astro.cli;

import picocli.CommandLine.Command;

/** The {@code flares} command (being built). */
@Command(name = "flares", mixinStandardHelpOptions = true, description = "(being built)")
final class FlaresCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("flares: not built yet");
    }
}
