package astrograd.astro.cli;

import picocli.CommandLine.Command;

/** The {@code variables} command (being built). */
@Command(name = "variables", mixinStandardHelpOptions = true, description = "(being built)")
final class VariablesCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("variables: not built yet");
    }
}
