/**
 * The {@code astrograd} command line (picocli): {@link astrograd.astro.cli.Main} registers the subcommands
 * {@code demo}, {@code flares}, {@code variables}, {@code sample} and {@code retrieval}. Every subcommand has
 * {@code --help}, shows progress bars for long work, and reports bad input in one line.
 */
package astrograd.astro.cli;
