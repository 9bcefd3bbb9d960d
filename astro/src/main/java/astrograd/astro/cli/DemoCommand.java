package astrograd.astro.cli;

import picocli.CommandLine.Command;

/** The {@code demo} command (being built). */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "(being built)")
final class DemoCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("demo: not built yet");
    }
}
