package astrograd.inference.diagnostics;

import astrograd.inference.Draws;
import astrograd.inference.stats.Ranks;
import astrograd.layers.io.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The posterior summary table: per parameter the mean, sd (ddof = 1), 5/50/95 % quantiles over all draws,
 * MCSE of the mean, bulk and tail ESS and rank-normalized split-R̂ ({@link Convergence}).
 */
public final class Summary {
    /** The column names, as in the CSV header. */
    public static final List<String> COLUMNS = List.of("parameter", "mean", "sd", "q5", "q50", "q95", "mcse_mean",
            "ess_bulk", "ess_tail", "r_hat");

    /** One parameter's row. */
    public record Row(String parameter, double mean, double sd, double q5, double q50, double q95, double mcseMean,
            double essBulk, double essTail, double rhat) {
    }

    private final List<Row> rows;

    private Summary(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The summary of every parameter of {@code draws}. */
    public static Summary of(Draws draws) {
        return of(draws, null);
    }

    /**
     * The summary of {@code draws} with R̂ taken from {@code rhatDraws} instead (the same parameters, other chains:
     * for an ensemble sampler, one chain per independent ensemble), or from {@code draws} when it is null.
     */
    public static Summary of(Draws draws, Draws rhatDraws) {
        if (rhatDraws != null && !rhatDraws.names().equals(draws.names())) {
            throw new IllegalArgumentException("summary: R-hat draws hold " + rhatDraws.names() + ", the draws "
                    + draws.names());
        }
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < draws.dim(); d++) {
            double[][] chains = draws.parameter(d);
            double[] sorted = Convergence.sortedAll(chains);
            double mean = 0;
            for (double v : sorted) {
                mean += v;
            }
            mean /= sorted.length;
            Convergence.Diagnostics c = Convergence.all(chains);
            double rhat = rhatDraws == null ? c.rhat() : Convergence.rhat(rhatDraws.parameter(d));
            rows.add(new Row(draws.names().get(d), mean, Math.sqrt(Convergence.variance(sorted)),
                    Ranks.quantileSorted(sorted, 0.05), Ranks.quantileSorted(sorted, 0.5),
                    Ranks.quantileSorted(sorted, 0.95), c.mcseMean(), c.essBulk(), c.essTail(), rhat));
        }
        return new Summary(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row of a parameter by name. */
    public Row row(String parameter) {
        return rows.stream().filter(r -> r.parameter().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("summary: no parameter '" + parameter + "'"));
    }

    /** The largest R̂ over parameters. */
    public double maxRhat() {
        return rows.stream().mapToDouble(Row::rhat).max().orElse(Double.NaN);
    }

    /** The smallest bulk ESS over parameters. */
    public double minEssBulk() {
        return rows.stream().mapToDouble(Row::essBulk).min().orElse(Double.NaN);
    }

    /** A fixed-width table for a terminal. */
    @Override
    public String toString() {
        int width = Math.max(9, rows.stream().mapToInt(r -> r.parameter().length()).max().orElse(9));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "parameter"));
        for (String c : COLUMNS.subList(1, COLUMNS.size())) {
            sb.append(String.format(Locale.ROOT, " %10s", c));
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s", r.parameter()));
            for (double v : numbers(r)) {
                sb.append(String.format(Locale.ROOT, " %10.4g", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes the table as CSV (header {@link #COLUMNS}, numbers in round-trip precision), atomically. */
    public void writeCsv(Path path) throws IOException {
        AtomicFile.writeAt(path, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(String.join(",", COLUMNS));
                w.newLine();
                for (Row r : rows) {
                    StringBuilder sb = new StringBuilder(r.parameter());
                    for (double v : numbers(r)) {
                        sb.append(',').append(v);
                    }
                    w.write(sb.toString());
                    w.newLine();
                }
            }
        });
    }

    private static double[] numbers(Row r) {
        return new double[] {r.mean(), r.sd(), r.q5(), r.q50(), r.q95(), r.mcseMean(), r.essBulk(), r.essTail(),
                r.rhat()};
    }
}
