package astrograd.astro.cli;

import astrograd.astro.images.Catalogue;
import astrograd.astro.images.Detection;
import astrograd.astro.images.DifferenceMethod;
import astrograd.astro.images.DifferenceResult;
import astrograd.astro.images.FitsImages;
import astrograd.astro.images.GaussianPsf;
import astrograd.astro.images.Image;
import astrograd.astro.images.Images;
import astrograd.astro.images.SurveyConfig;
import astrograd.astro.images.SurveyPair;
import astrograd.astro.images.SurveySimulator;
import astrograd.astro.images.TransiNet;
import astrograd.astro.images.TransiNetConfig;
import astrograd.astro.images.TransiNetDifference;
import astrograd.astro.images.TransiNetTraining;
import astrograd.astro.images.TransientEvaluation;
import astrograd.astro.images.Triptych;
import astrograd.astro.images.Zogy;
import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.io.AtomicFile;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code astrograd images}: transient detection by image differencing (TransiNet against ZOGY, Alard–Lupton, naive). */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "Transient detection by image differencing: TransiNet (Sedaghat & Mahabal 2018) against ZOGY, "
            + "Alard-Lupton and naive subtraction, on FITS/PNG pairs or seeded synthetic survey pairs.",
        subcommands = {ImagesCommand.Simulate.class, ImagesCommand.Train.class, ImagesCommand.Diff.class,
            ImagesCommand.Evaluate.class, ImagesCommand.Bench.class})
final class ImagesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code images simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write seeded synthetic survey pairs (spec §5(e)): pair_NNNN_{ref,sci,truth}.fits and "
                + "pairs.csv (PSFs, noise, misregistration) and transients.csv (position, flux, S/N, on galaxy).")
    static final class Simulate implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
        Path out;

        @Option(names = "--pairs", defaultValue = "10", description = "Number of pairs (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--size", defaultValue = "256", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (pairs < 1) {
                throw new IllegalArgumentException("--pairs must be at least 1");
            }
            SurveySimulator sim = new SurveySimulator(SurveyConfig.defaults().withSize(size), seed);
            Files.createDirectories(out);
            StringBuilder meta = new StringBuilder("pair,sigma_ref,sigma_sci_major,sigma_sci_minor,sci_angle,noise_ref,"
                    + "noise_sci,shift_x,shift_y,rotation_deg\n");
            StringBuilder tr = new StringBuilder("pair,x,y,flux,snr,on_galaxy\n");
            try (SampleProgress bar = new SampleProgress("simulate", 0, pairs, false)) {
                for (int i = 0; i < pairs; i++) {
                    SurveyPair p = sim.pair(i);
                    String stem = String.format(Locale.ROOT, "pair_%04d", i);
                    FitsImages.write(out.resolve(stem + "_ref.fits"), p.reference());
                    FitsImages.write(out.resolve(stem + "_sci.fits"), p.science());
                    FitsImages.write(out.resolve(stem + "_truth.fits"), p.truth());
                    GaussianPsf n = p.psfScience();
                    meta.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f%n", i,
                            p.psfReference().sigmaMajor(), n.sigmaMajor(), n.sigmaMinor(), n.angle(),
                            p.noiseReference(), p.noiseScience(), p.shiftX(), p.shiftY(), Math.toDegrees(p.rotation())));
                    for (SurveyPair.Transient t : p.transients()) {
                        tr.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.5g,%.3f,%d%n", i, t.x(), t.y(), t.flux(),
                                t.snr(), t.onGalaxy() ? 1 : 0));
                    }
                    bar.stepTo(i + 1);
                }
            }
            AtomicFile.write(out.resolve("pairs.csv"), meta.toString().getBytes(StandardCharsets.UTF_8));
            AtomicFile.write(out.resolve("transients.csv"), tr.toString().getBytes(StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "%d pairs of %dx%d written to %s%n", pairs, size, size, out);
            return 0;
        }
    }

    /** {@code images train}. */
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train TransiNet on freshly simulated pairs (multi-resolution L1, Adam) and save it.")
    static final class Train implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--out", required = true, paramLabel = "MODEL.safetensors", description = "Model file to write.")
        Path out;

        @Option(names = "--width-factor", defaultValue = "0.0625",
                description = "Channel widths relative to the paper's (1 = 154.9M parameters; default ${DEFAULT-VALUE}, the CPU configuration).")
        double widthFactor;

        @Option(names = "--crop", defaultValue = "64", description = "Training image side, a multiple of 64 (default ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--steps", defaultValue = "100000", description = "Most optimizer steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--minutes", defaultValue = "25", description = "Wall-clock budget (default ${DEFAULT-VALUE}).")
        double minutes;

        @Option(names = "--batch", defaultValue = "8", description = "Pairs per step (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--seed", defaultValue = "2026", description = "Seed of the training pairs (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--init", paramLabel = "MODEL.safetensors",
                description = "Continue from this model (its widths replace --width-factor); the pairs continue "
                    + "after --skip-pairs.")
        Path init;

        @Option(names = "--skip-pairs", defaultValue = "0", description = "Start at this pair number (default ${DEFAULT-VALUE}).")
        long skipPairs;

        @Override
        public Integer call() throws IOException {
            if (crop % 64 != 0 || crop < 64) {
                throw new IllegalArgumentException("--crop " + crop + " must be a positive multiple of 64");
            }
            SurveySimulator sim = new SurveySimulator(SurveyConfig.defaults().withSize(crop).withCounts(1, 3, 0, 2), seed)
                    .skipping(skipPairs);
            TransiNet net = init != null ? TransiNetTraining.load(init)
                    : new TransiNet(new TransiNetConfig(widthFactor, 2, DType.F32), new Rng(seed + 1));
            System.out.println(net.toString().lines().findFirst().orElse(""));
            TransiNetTraining.Result r = new TransiNetTraining(steps, batch, lr, minutes * 60)
                    .train(net, sim, System.out, 50, out);
            System.out.printf(Locale.ROOT, "%d steps, %.3f s/step, final loss %.5f; model written to %s%n",
                    r.losses().size(), r.secondsPerStep(), r.losses().get(r.losses().size() - 1), out);
            return 0;
        }
    }

    /** {@code images diff}. */
    @Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Difference a registered reference/science pair (FITS, PNG or JPEG), detect transients and "
                + "write the difference image, a catalogue and a triptych.")
    static final class Diff implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--reference", required = true, paramLabel = "R.fits", description = "Reference image.")
        Path reference;

        @Option(names = "--science", required = true, paramLabel = "S.fits", description = "Science (new) image.")
        Path science;

        @Option(names = "--out", required = true, paramLabel = "diff.fits", description = "Difference image to write (FITS or PNG).")
        Path out;

        @Option(names = "--method", defaultValue = "zogy", paramLabel = "transinet|zogy|alard-lupton|naive",
                description = "Differencing method (default ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--model", paramLabel = "MODEL.safetensors", description = "A model from 'images train' (transinet).")
        Path model;

        @Option(names = "--psf-ref", defaultValue = "1.4", paramLabel = "SIGMA",
                description = "Reference PSF Gaussian sigma in pixels (classical methods; default ${DEFAULT-VALUE}).")
        double psfRef;

        @Option(names = "--psf-sci", defaultValue = "1.9", paramLabel = "SIGMA",
                description = "Science PSF Gaussian sigma in pixels (default ${DEFAULT-VALUE}).")
        double psfSci;

        @Option(names = "--astrometric-sigma", defaultValue = "0", paramLabel = "PX",
                description = "ZOGY's registration error sigma per axis (default ${DEFAULT-VALUE}).")
        double astrometric;

        @Option(names = "--threshold", defaultValue = "5", description = "Detection threshold in sigma (default ${DEFAULT-VALUE}).")
        double threshold;

        @Option(names = "--noise-ref", paramLabel = "SIGMA",
                description = "ZOGY: the reference's background noise (default: estimated by MAD, which crowding inflates).")
        Double noiseRef;

        @Option(names = "--noise-sci", paramLabel = "SIGMA", description = "ZOGY: the science image's background noise.")
        Double noiseSci;

        @Option(names = "--catalog", paramLabel = "found.csv", description = "Write the detections as CSV.")
        Path catalog;

        @Option(names = "--png", paramLabel = "triptych.png", description = "Write a reference/science/difference triptych.")
        Path png;

        @Override
        public Integer call() throws IOException {
            DifferenceMethod m = DifferenceMethod.parse(method);
            if (!(psfRef > 0) || !(psfSci > 0)) {
                throw new IllegalArgumentException("--psf-ref and --psf-sci must be positive");
            }
            Image r = Images.read(reference);
            Image s = Images.read(science);
            if (r.width() != s.width() || r.height() != s.height()) {
                throw new IllegalArgumentException("the images differ in size: " + reference + " is " + r.width() + "x"
                        + r.height() + ", " + science + " is " + s.width() + "x" + s.height());
            }
            TransiNetDifference net = m == DifferenceMethod.TRANSINET ? transiNet() : null;
            if ((noiseRef == null) != (noiseSci == null) || (noiseRef != null && !(noiseRef > 0 && noiseSci > 0))) {
                throw new IllegalArgumentException("--noise-ref and --noise-sci go together and must be positive");
            }
            DifferenceResult d = m == DifferenceMethod.ZOGY && noiseRef != null
                    ? new Zogy(GaussianPsf.round(psfRef), GaussianPsf.round(psfSci), astrometric)
                            .difference(r, s, noiseRef, noiseSci)
                    : m.run(r, s, GaussianPsf.round(psfRef), GaussianPsf.round(psfSci), astrometric, net);
            List<Detection> found = Detection.find(d, threshold, 2, 3 * psfSci);
            Images.write(out, d.difference());
            if (catalog != null) {
                Catalogue.write(catalog, found);
            }
            if (png != null) {
                Triptych.write(png, r, s, d.difference(), found, null, m.label() + " difference");
            }
            System.out.printf(Locale.ROOT, "%s: %d detections above %.1f sigma; difference written to %s%n", m.label(),
                    found.size(), threshold, out);
            return 0;
        }

        private TransiNetDifference transiNet() throws IOException {
            if (model == null) {
                throw new IllegalArgumentException("--method transinet needs --model MODEL.safetensors (from 'images train')");
            }
            if (!Files.isRegularFile(model)) {
                throw new IOException(model + ": no such model file");
            }
            return new TransiNetDifference(TransiNetTraining.load(model), TransiNetDifference.DEFAULT_FLOOR);
        }
    }

    /** {@code images evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Completeness, purity and flux error against transient S/N on held-out synthetic pairs, for "
                + "each method (classical ones with the true PSFs); prints a markdown table.")
    static final class Evaluate implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--pairs", defaultValue = "100", description = "Held-out pairs (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--seed", defaultValue = "777", description = "Seed of the held-out pairs (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--model", paramLabel = "MODEL.safetensors", description = "TransiNet model (else it is skipped).")
        Path model;

        @Option(names = "--methods", defaultValue = "transinet,zogy,alard-lupton,naive", split = ",",
                description = "Methods (default ${DEFAULT-VALUE}).")
        List<String> methods;

        @Option(names = "--threshold", defaultValue = "5", description = "Detection threshold in sigma (default ${DEFAULT-VALUE}).")
        double threshold;

        @Option(names = "--out", paramLabel = "table.md", description = "Also write the table here.")
        Path out;

        @Option(names = "--png", paramLabel = "triptych.png", description = "Triptych of the first pair (first method).")
        Path png;

        @Option(names = "--catalogs", paramLabel = "DIR",
                description = "Write each pair's detections per method as pair_NNNN_<method>.csv.")
        Path catalogs;

        @Override
        public Integer call() throws IOException {
            List<DifferenceMethod> ms = new ArrayList<>();
            for (String name : methods) {
                DifferenceMethod m = DifferenceMethod.parse(name.trim());
                if (m != DifferenceMethod.TRANSINET || model != null) {
                    ms.add(m);
                }
            }
            TransiNetDifference net = model == null ? null
                    : new TransiNetDifference(TransiNetTraining.load(model), TransiNetDifference.DEFAULT_FLOOR);
            SurveyConfig config = SurveyConfig.defaults();
            SurveySimulator sim = new SurveySimulator(config, seed);
            double astrometric = config.maxShift() / Math.sqrt(3);
            TransientEvaluation ev = new TransientEvaluation(threshold, 2, 2);
            long start = System.nanoTime();
            try (SampleProgress bar = new SampleProgress("evaluate", 0, pairs, false)) {
                for (int i = 0; i < pairs; i++) {
                    SurveyPair p = sim.pair(i);
                    for (DifferenceMethod m : ms) {
                        List<Detection> found = ev.add(m, p, m.run(p.reference(), p.science(), p.psfReference(),
                                p.psfScience(), astrometric, net));
                        if (catalogs != null) {
                            Catalogue.write(catalogs.resolve(String.format(Locale.ROOT, "pair_%04d_%s.csv", i,
                                    m.label())), found);
                        }
                    }
                    bar.stepTo(i + 1);
                }
            }
            String table = ev.table(ms);
            System.out.print(table);
            System.out.printf(Locale.ROOT, "%d pairs, %.1f s%n", pairs, (System.nanoTime() - start) / 1e9);
            if (out != null) {
                AtomicFile.write(out, table.getBytes(StandardCharsets.UTF_8));
            }
            if (png != null && !ms.isEmpty()) {
                SurveyPair p = sim.pair(0);
                DifferenceResult d = ms.get(0).run(p.reference(), p.science(), p.psfReference(), p.psfScience(),
                        astrometric, net);
                List<Detection> found = Detection.find(d, threshold, 2, 3 * p.psfScience().sigma());
                Triptych.write(png, p.reference(), p.science(), d.difference(), found, p.transients(),
                        ms.get(0).label() + " (red: found, green: injected)");
            }
            return 0;
        }
    }

    /** {@code images bench}. */
    @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Time TransiNet inference (the forward pass alone, and with normalisation and padding) and ZOGY "
                + "on one synthetic pair (median of the repeats, after warm-up); prints one JSON line. Compare with "
                + "benchmarks/transinet_torch.py.")
    static final class Bench implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--size", defaultValue = "256", description = "Image side (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--width-factor", defaultValue = "0.0625", description = "TransiNet widths (default ${DEFAULT-VALUE}).")
        double widthFactor;

        @Option(names = "--repeats", defaultValue = "20", description = "Timed runs (default ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() {
            if (size % 64 != 0 || repeats < 1) {
                throw new IllegalArgumentException("--size must be a multiple of 64 and --repeats at least 1");
            }
            SurveyPair p = new SurveySimulator(SurveyConfig.defaults().withSize(size), 1).pair(0);
            TransiNet net = new TransiNet(new TransiNetConfig(widthFactor, 2, DType.F32), new Rng(0));
            TransiNetDifference tn = new TransiNetDifference(net, TransiNetDifference.DEFAULT_FLOOR);
            Zogy zogy = new Zogy(p.psfReference(), p.psfScience(), 0.4);
            Tensor x = new Rng(2).randn(DType.F32, 1, 2, size, size);
            net.eval();
            double forwardMs = medianMs(() -> {
                try (GradMode.Scope g = GradMode.noGrad(); TensorScope scope = TensorScope.open()) {
                    net.forward(Var.constant(x));
                }
            });
            double tnMs = medianMs(() -> tn.difference(p.reference(), p.science()));
            double zogyMs = medianMs(() -> zogy.difference(p.reference(), p.science()));
            System.out.printf(Locale.ROOT, "{\"transinet_ms_per_pair\": %.3f, \"transinet_with_io_ms\": %.3f, "
                    + "\"zogy_ms_per_pair\": %.3f, \"parameters\": %d, \"size\": %d}%n", forwardMs, tnMs, zogyMs,
                    net.parameterCount(), size);
            return 0;
        }

        private double medianMs(Runnable r) {
            for (int i = 0; i < 3; i++) {
                r.run();
            }
            double[] t = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                r.run();
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(t);
            return t[repeats / 2];
        }
    }
}
