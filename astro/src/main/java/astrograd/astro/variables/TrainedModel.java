package astrograd.astro.variables;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.io.Checkpoint;
import astrograd.layers.io.StateDict;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A classifier ready to use: the network, the feature settings, the fitted {@link AuxScaler}, the class
 * codes (the k-th logit is class {@code classCodes.get(k)}) and the band names. A star's probabilities are the mean of the softmax
 * over its chunks ({@link Features#chunks}): {@code p = (1/m) Σ_j softmax(f(x_j))}.
 *
 * <p>Saved as {@code model.safetensors} (a {@link Checkpoint} whose config holds everything else) in a directory.
 */
public final class TrainedModel {
    /** The weights file inside a model directory. */
    public static final String FILE = "model.safetensors";
    private static final int EVAL_BATCH = 256;

    private final PhaseNet net;
    private final Features features;
    private final AuxScaler scaler;
    private final List<String> classCodes;
    private final List<String> bandNames;

    /**
     * @param bandNames the photometric band of each band index, as named in the light-curve files
     */
    public TrainedModel(PhaseNet net, Features features, AuxScaler scaler, List<String> classCodes, List<String> bandNames) {
        if (classCodes.size() != net.config().classes()) {
            throw new IllegalArgumentException("TrainedModel: " + classCodes.size() + " class codes for "
                    + net.config().classes() + " outputs");
        }
        if (bandNames.size() != features.bands()) {
            throw new IllegalArgumentException("TrainedModel: " + bandNames.size() + " band names for " + features.bands()
                    + " bands");
        }
        this.bandNames = List.copyOf(bandNames);
        this.net = net;
        this.features = features;
        this.scaler = scaler;
        this.classCodes = List.copyOf(classCodes);
    }

    public PhaseNet net() {
        return net;
    }

    /** The same features, standardization, classes and bands with another network (of the same inputs and classes). */
    public TrainedModel withNet(PhaseNet other) {
        return new TrainedModel(other, features, scaler, classCodes, bandNames);
    }

    public Features features() {
        return features;
    }

    public AuxScaler scaler() {
        return scaler;
    }

    public List<String> classCodes() {
        return classCodes;
    }

    public List<String> bandNames() {
        return bandNames;
    }

    /** The standardized auxiliary inputs of a star. */
    public double[] aux(FoldedCurve fc) {
        return scaler.apply(features.rawAux(fc));
    }

    /** Class probabilities {@code [stars][K]} (eval mode, no graph). */
    public double[][] predictProba(List<FoldedCurve> curves) {
        return predictProba(curves, null);
    }

    /**
     * Class probabilities with every chunk's input rolled along the sequence by its own random shift drawn from
     * {@code roll} (null: no roll) — the direct check of invariance on real inputs.
     */
    @SuppressWarnings("try")
    public double[][] predictProba(List<FoldedCurve> curves, Rng roll) {
        int k = classCodes.size();
        double[][] out = new double[curves.size()][k];
        int[] chunkCount = new int[curves.size()];
        Map<Integer, List<int[]>> byLength = new TreeMap<>();
        List<List<int[]>> chunks = new ArrayList<>();
        for (int s = 0; s < curves.size(); s++) {
            List<int[]> cs = new ArrayList<>(features.chunks(curves.get(s)));
            if (roll != null) {
                cs.replaceAll(c -> Features.rotate(c, roll.nextInt(c.length)));
            }
            chunks.add(cs);
            chunkCount[s] = cs.size();
            for (int j = 0; j < cs.size(); j++) {
                byLength.computeIfAbsent(cs.get(j).length, x -> new ArrayList<>()).add(new int[] {s, j});
            }
        }
        List<double[]> aux = new ArrayList<>(curves.size());
        curves.forEach(fc -> aux.add(aux(fc)));
        boolean wasTraining = net.isTraining();
        net.eval();
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            for (List<int[]> items : byLength.values()) {
                for (int start = 0; start < items.size(); start += EVAL_BATCH) {
                    List<int[]> part = items.subList(start, Math.min(items.size(), start + EVAL_BATCH));
                    addProbabilities(curves, aux, chunks, part, out);
                }
            }
        } finally {
            if (wasTraining) {
                net.train();
            }
        }
        for (int s = 0; s < out.length; s++) {
            for (int c = 0; c < k; c++) {
                out[s][c] /= chunkCount[s];
            }
        }
        return out;
    }

    private void addProbabilities(List<FoldedCurve> curves, List<double[]> aux, List<List<int[]>> chunks, List<int[]> part,
                                  double[][] out) {
        List<FoldedCurve> cs = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        List<double[]> as = new ArrayList<>();
        for (int[] item : part) {
            FoldedCurve fc = curves.get(item[0]);
            cs.add(fc);
            pos.add(chunks.get(item[0]).get(item[1]));
            as.add(aux.get(item[0]));
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor x = features.batch(cs, pos, as, net.config().dtype());
            double[] p = net.forward(Var.constant(x)).value().softmax(1).to(astrograd.tensor.DType.F64).contiguous()
                    .toDoubleArray();
            int k = classCodes.size();
            for (int i = 0; i < part.size(); i++) {
                for (int c = 0; c < k; c++) {
                    out[part.get(i)[0]][c] += p[i * k + c];
                }
            }
        }
    }

    /** The most probable class index of each row. */
    public static int[] argmax(double[][] probs) {
        int[] y = new int[probs.length];
        for (int i = 0; i < probs.length; i++) {
            for (int c = 1; c < probs[i].length; c++) {
                if (probs[i][c] > probs[i][y[i]]) {
                    y[i] = c;
                }
            }
        }
        return y;
    }

    /** Writes {@value #FILE} into {@code dir} (created if needed), atomically. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("kind", "astrograd.variables");
        config.put("model", net.config().toMap());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("length", features.length());
        f.put("with_errors", features.withErrors());
        f.put("bands", features.bands());
        f.put("min_points", features.minPoints());
        f.put("shape_aux", features.shapeAux());
        config.put("features", f);
        config.put("aux_mean", toList(scaler.mean()));
        config.put("aux_std", toList(scaler.std()));
        config.put("classes", classCodes);
        config.put("bands", bandNames);
        Checkpoint.save(dir.resolve(FILE), net, config, null, 0, null);
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    /** Reads a model directory written by {@link #save}. */
    public static TrainedModel load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + FILE + " (not a model directory written by 'variables train')");
        }
        Checkpoint cp = Checkpoint.load(file);
        Map<String, Object> c = cp.config();
        if (!"astrograd.variables".equals(c.get("kind"))) {
            throw new IOException(file + ": not a periodic-variable classifier (config kind " + c.get("kind") + ")");
        }
        ModelConfig mc = ModelConfig.fromMap((Map<?, ?>) c.get("model"));
        Map<?, ?> f = (Map<?, ?>) c.get("features");
        Features features = new Features(ModelConfig.Json.integer(f, "length"), (Boolean) f.get("with_errors"),
                ModelConfig.Json.integer(f, "bands"), ModelConfig.Json.integer(f, "min_points"),
                Boolean.TRUE.equals(f.get("shape_aux")));
        AuxScaler scaler = new AuxScaler(toArray(c.get("aux_mean")), toArray(c.get("aux_std")));
        List<String> codes = new ArrayList<>();
        for (Object o : (List<?>) c.get("classes")) {
            codes.add(o.toString());
        }
        List<String> bands = new ArrayList<>();
        for (Object o : (List<?>) c.get("bands")) {
            bands.add(o.toString());
        }
        PhaseNet net = mc.build(new Rng(0));
        StateDict.load(net, cp.modelState(), true);
        net.eval();
        return new TrainedModel(net, features, scaler, codes, bands);
    }

    private static double[] toArray(Object list) {
        List<?> l = (List<?>) list;
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) l.get(i)).doubleValue();
        }
        return a;
    }
}
