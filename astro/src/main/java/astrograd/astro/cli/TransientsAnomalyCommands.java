package astrograd.astro.cli;

import astrograd.astro.plot.TransientPlots;
import astrograd.astro.transients.FeatureTable;
import astrograd.astro.transients.LightCurveGp;
import astrograd.astro.transients.TransientLightCurve;
import astrograd.inference.anomaly.ActiveAnomalyDiscovery;
import astrograd.inference.anomaly.IsolationForest;
import astrograd.inference.som.SelfOrganizingMap;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.metrics.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** The anomaly subcommands of {@code astrograd transients}: score, active, som. */
final class TransientsAnomalyCommands {
    private TransientsAnomalyCommands() {
    }

    /** Inputs, GP and feature options shared by score, active and som. */
    static final class Pipeline {
        @Mixin
        TransientInputs inputs = new TransientInputs();

        @Mixin
        TransientsCommand.GpOptions gp = new TransientsCommand.GpOptions();

        @Option(names = "--out", required = true, description = "output folder")
        Path out;

        @Option(names = "--anomalous-types", split = ",", description = "catalogue types counted as anomalies for"
                + " the AUROC report and the scripted oracle, e.g. 'SN Iax,SN Ia-91bg,SN Ia-CSM,SN Ia-pec'")
        List<String> anomalousTypes;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        List<LightCurveGp.Dense> dense;

        FeatureTable features() throws IOException {
            List<TransientLightCurve> objs = inputs.load();
            LightCurveGp model = gp.build();
            dense = TransientsCommand.fitAll(model, objs, 1.0, quiet);
            FeatureTable t = FeatureTable.of(dense, null, null);
            t.skipped().forEach(s -> System.err.println("skipped: " + s));
            if (t.rows() < 2) {
                throw new IllegalArgumentException("need at least 2 objects with features, got " + t.rows());
            }
            Files.createDirectories(out);
            return t;
        }

        boolean isAnomalous(TransientLightCurve lc) {
            return anomalousTypes != null && lc.type() != null && anomalousTypes.contains(lc.type());
        }

        LightCurveGp.Dense denseOf(String id) {
            return dense.stream().filter(d -> d.source().id().equals(id)).findFirst().orElseThrow();
        }

        Path plot(String id) throws IOException {
            LightCurveGp.Dense d = denseOf(id);
            Path png = out.resolve("plots").resolve(id + "_gp.png");
            TransientPlots.gpFit(png, d, id + (d.source().type() == null ? "" : " (" + d.source().type() + ")"));
            return png;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Rank objects by isolation-forest anomaly score (with uncertainties) on GP light-curve"
                    + " features; writes scores.csv and plots of the top-ranked objects.")
    static final class Score implements Callable<Integer> {
        @Mixin
        Pipeline pipeline = new Pipeline();

        @Option(names = "--trees", description = "isolation trees (default 100)")
        int trees = 100;

        @Option(names = "--top", description = "plot the N highest-ranked objects (default 5)")
        int top = 5;

        @Override
        public Integer call() throws IOException {
            FeatureTable t = pipeline.features();
            IsolationForest forest = IsolationForest.fit(t.x(), t.rows(), t.columns(), trees, 256, pipeline.gp.seed);
            double[][] s = forest.scoreWithSpread(t.x(), t.rows());
            Integer[] order = rankDescending(s[0]);
            StringBuilder sb = new StringBuilder("rank,id,type,score,score_se\n");
            for (int k = 0; k < order.length; k++) {
                TransientLightCurve lc = t.objects().get(order[k]);
                sb.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f,%.6f%n", k + 1, lc.id(),
                        TransientsCommand.csv(lc.type()), s[0][order[k]], s[1][order[k]]));
            }
            AtomicFile.write(pipeline.out.resolve("scores.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
            for (int k = 0; k < Math.min(top, order.length); k++) {
                pipeline.plot(t.objects().get(order[k]).id());
            }
            System.out.printf(Locale.ROOT, "%d objects scored; ranking in %s%n", t.rows(),
                    pipeline.out.resolve("scores.csv"));
            if (pipeline.anomalousTypes != null) {
                int[] y = t.objects().stream().mapToInt(o -> pipeline.isAnomalous(o) ? 1 : 0).toArray();
                int positives = Arrays.stream(y).sum();
                if (positives > 0 && positives < y.length) {
                    System.out.printf(Locale.ROOT, "AUROC of %s against the rest: %.3f (%d of %d)%n",
                            pipeline.anomalousTypes, Metrics.rocAuc(y, s[0]), positives, y.length);
                }
            }
            return 0;
        }
    }

    @Command(name = "active", mixinStandardHelpOptions = true,
            description = "Active anomaly discovery (Das et al. 2016): show the top-ranked unlabelled object, take the"
                    + " answer, refit the forest's leaf weights, repeat --budget times. Answers come from the terminal,"
                    + " a labels file, or the catalogue types (--anomalous-types).")
    static final class Active implements Callable<Integer> {
        @Mixin
        Pipeline pipeline = new Pipeline();

        @Option(names = "--budget", required = true, description = "number of objects to show")
        int budget;

        @Option(names = "--labels", description = "CSV 'id,label' (label: 1/0, yes/no, anomaly/nominal) answering"
                + " for the expert")
        Path labels;

        @Option(names = "--tau", description = "quantile of the hinge loss (default 0.97)")
        double tau = 0.97;

        @Option(names = "--prior-influence", description = "weight λ of the pull towards the previous leaf weights"
                + " (default 1, as coniferest; larger: gentler updates)")
        double priorInfluence = 1;

        @Override
        public Integer call() throws IOException {
            if (budget < 1) {
                throw new IllegalArgumentException("--budget must be >= 1, got " + budget);
            }
            Map<String, Boolean> fileLabels = labels == null ? null : readLabels(labels);
            FeatureTable t = pipeline.features();
            BufferedReader terminal = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            ActiveAnomalyDiscovery.Oracle oracle = row -> answer(t.objects().get(row), fileLabels, terminal);
            IsolationForest forest = IsolationForest.fit(t.x(), t.rows(), t.columns(), 100, 256, pipeline.gp.seed);
            ActiveAnomalyDiscovery aad = new ActiveAnomalyDiscovery(forest, t.x(), t.rows(), tau, 1, priorInfluence);
            ActiveAnomalyDiscovery.Session session = aad.run(oracle, budget);
            StringBuilder sb = new StringBuilder("query,id,type,anomaly\n");
            for (int k = 0; k < session.queried().length; k++) {
                TransientLightCurve lc = t.objects().get(session.queried()[k]);
                sb.append(String.format(Locale.ROOT, "%d,%s,%s,%d%n", k + 1, lc.id(), TransientsCommand.csv(lc.type()),
                        session.anomaly()[k] ? 1 : 0));
            }
            AtomicFile.write(pipeline.out.resolve("active_queries.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "%d anomalies in %d queries; log in %s%n",
                    session.anomaliesFound(budget), session.queried().length,
                    pipeline.out.resolve("active_queries.csv"));
            if (fileLabels != null || pipeline.anomalousTypes != null) {
                int fixed = ActiveAnomalyDiscovery.staticBaseline(forest.score(t.x(), t.rows()), oracle, budget)
                        .anomaliesFound(budget);
                System.out.printf(Locale.ROOT, "static isolation forest, same budget: %d anomalies%n", fixed);
            }
            return 0;
        }

        private boolean answer(TransientLightCurve lc, Map<String, Boolean> fileLabels, BufferedReader terminal) {
            if (fileLabels != null) {
                Boolean b = fileLabels.get(lc.id());
                if (b == null) {
                    throw new IllegalArgumentException(labels + ": no label for " + lc.id());
                }
                return b;
            }
            if (pipeline.anomalousTypes != null) {
                return pipeline.isAnomalous(lc);
            }
            try {
                Path png = pipeline.plot(lc.id());
                while (true) {
                    System.out.printf("%s (%s): light curve %s%nanomaly? [y/n] ", lc.id(),
                            lc.type() == null ? "no type" : lc.type(), png);
                    System.out.flush();
                    String line = terminal.readLine();
                    if (line == null) {
                        throw new IllegalArgumentException("no answer on standard input (give --labels or"
                                + " --anomalous-types for a scripted run)");
                    }
                    String a = line.trim().toLowerCase(Locale.ROOT);
                    if (a.startsWith("y")) {
                        return true;
                    }
                    if (a.startsWith("n")) {
                        return false;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static Map<String, Boolean> readLabels(Path file) throws IOException {
        Map<String, Boolean> out = new HashMap<>();
        Set<String> yes = Set.of("1", "yes", "y", "anomaly", "true");
        Set<String> no = Set.of("0", "no", "n", "nominal", "false");
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String[] f = line.split(",");
            if (line.isBlank() || (lineNo == 1 && f[0].trim().equalsIgnoreCase("id"))) {
                continue;
            }
            String v = f.length == 2 ? f[1].trim().toLowerCase(Locale.ROOT) : "";
            if (!yes.contains(v) && !no.contains(v)) {
                throw new IOException(file + ", line " + lineNo + ": expected 'id,label' with label 1/0, yes/no or"
                        + " anomaly/nominal, got '" + line + "'");
            }
            out.put(f[0].trim(), yes.contains(v));
        }
        return out;
    }

    @Command(name = "som", mixinStandardHelpOptions = true,
            description = "Train a Kohonen self-organizing map on GP light-curve features; writes som_map.csv and the"
                    + " U-matrix plot with hit counts.")
    static final class Som implements Callable<Integer> {
        @Mixin
        Pipeline pipeline = new Pipeline();

        @Option(names = "--rows", description = "grid rows (default 10)")
        int rows = 10;

        @Option(names = "--cols", description = "grid columns (default 10)")
        int cols = 10;

        @Option(names = "--epochs", description = "training passes (default 20)")
        int epochs = 20;

        @Override
        public Integer call() throws IOException {
            if (rows < 1 || cols < 1 || epochs < 1) {
                throw new IllegalArgumentException("--rows, --cols and --epochs must be >= 1");
            }
            FeatureTable t = pipeline.features();
            SelfOrganizingMap.Options o = new SelfOrganizingMap.Options(epochs, 0.5, 0.01, Math.max(rows, cols) / 2.0,
                    0.5, pipeline.gp.seed);
            SelfOrganizingMap som = SelfOrganizingMap.train(t.x(), t.rows(), t.columns(), rows, cols, o);
            int[] bmu = som.map(t.x(), t.rows());
            int[][] hits = new int[rows][cols];
            StringBuilder sb = new StringBuilder("id,type,row,col\n");
            for (int i = 0; i < bmu.length; i++) {
                hits[bmu[i] / cols][bmu[i] % cols]++;
                TransientLightCurve lc = t.objects().get(i);
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d%n", lc.id(), TransientsCommand.csv(lc.type()),
                        bmu[i] / cols, bmu[i] % cols));
            }
            AtomicFile.write(pipeline.out.resolve("som_map.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
            Path png = pipeline.out.resolve("som_umatrix.png");
            TransientPlots.uMatrix(png, som.uMatrix(), hits, "SOM " + rows + "x" + cols + " of " + t.rows()
                    + " objects");
            System.out.printf(Locale.ROOT, "quantization error %.3f, topographic error %.3f; %s, %s%n",
                    som.quantizationError(t.x(), t.rows()), som.topographicError(t.x(), t.rows()),
                    pipeline.out.resolve("som_map.csv"), png);
            if (pipeline.anomalousTypes != null) {
                Map<String, Long> cells = java.util.stream.IntStream.range(0, bmu.length)
                        .filter(i -> pipeline.isAnomalous(t.objects().get(i)))
                        .mapToObj(i -> t.objects().get(i).type() + "@" + bmu[i] / cols + "," + bmu[i] % cols)
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
                System.out.println("anomalous types by cell: " + cells);
            }
            return 0;
        }
    }

    static Integer[] rankDescending(double[] s) {
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        return order;
    }
}
