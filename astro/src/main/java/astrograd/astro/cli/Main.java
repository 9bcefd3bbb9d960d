package astrograd.astro.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code astrograd} command line. Run it through the {@code ./astrograd} launcher at the repository root,
 * which builds the project on first use and passes the JVM options the engine needs.
 */
@Command(name = "astrograd", mixinStandardHelpOptions = true, version = "astrograd 0.2.0",
        description = "Astronomy models on the astrograd engine.",
        subcommands = {DemoCommand.class, FlaresCommand.class, VariablesCommand.class, SampleCommand.class,
            SbiCommand.class, RetrievalCommand.class, XrayCommand.class, PendulumCommand.class, ImagesCommand.class,
            TransientsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static String[] currentArgs = new String[0];

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        currentArgs = args.clone();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::reportError);
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, a) -> e.getCommandLine().getCommand() instanceof OneLineUsageErrors
                ? reportUsageError(e) : usage.handleParseException(e, a));
        return cli.execute(args);
    }

    /** The arguments of the running command line (recorded in the models it trains). */
    static List<String> currentArgs() {
        return List.of(currentArgs);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A command whose usage errors (bad options, impossible settings) print one line and exit with code 2. */
    interface OneLineUsageErrors {
    }

    private static int reportUsageError(CommandLine.ParameterException e) {
        CommandLine c = e.getCommandLine();
        c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage().replace('\n', ' ')
                + " (see --help)");
        c.getErr().flush();
        return c.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Failures the user can act on print one line; anything else prints its stack trace too. */
    private static int reportError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (!(e instanceof java.io.IOException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException)) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return 1;
    }
}
