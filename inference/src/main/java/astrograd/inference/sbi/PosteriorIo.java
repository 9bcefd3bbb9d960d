package astrograd.inference.sbi;

import astrograd.inference.flows.ConditionalDensity;
import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.inference.flows.Mog;
import astrograd.inference.flows.NeuralSplineFlow;
import astrograd.layers.io.Checkpoint;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a {@link Posterior} to a folder and loads it back: {@code posterior.safetensors} is a layers.io
 * {@link Checkpoint} (the estimator's weights, atomic write) whose JSON config holds the estimator's architecture,
 * the z-scores, the prior (box or Gaussian), the acceptance floor, the SNPE-A proposal mixture if any, and free
 * {@code extra} fields (e.g. the task name); {@code config.json} repeats the config for reading by eye.
 */
public final class PosteriorIo {
    public static final String WEIGHTS = "posterior.safetensors";
    public static final String CONFIG = "config.json";

    private PosteriorIo() {
    }

    /** A loaded posterior and the extra fields saved with it. */
    public record Loaded(Posterior posterior, Map<String, Object> extra) {
    }

    public static void save(Path dir, Posterior posterior, Map<String, Object> extra) throws IOException {
        if (posterior.prior().kind() == VectorPrior.Kind.OTHER) {
            throw new IllegalArgumentException("PosteriorIo: only box-uniform and Gaussian priors can be saved");
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("format", "astrograd.sbi.posterior/1");
        cfg.put("estimator", estimatorConfig(posterior.estimator()));
        cfg.put("theta_mean", list(posterior.thetaScore().mean()));
        cfg.put("theta_std", list(posterior.thetaScore().std()));
        cfg.put("x_mean", list(posterior.xScore().mean()));
        cfg.put("x_std", list(posterior.xScore().std()));
        double[][] pp = posterior.prior().parameters();
        cfg.put("prior", Map.of("kind", posterior.prior().kind().name(), "a", list(pp[0]), "b", list(pp[1])));
        cfg.put("acceptance_floor", posterior.acceptanceFloor());
        if (posterior.proposalZ() != null) {
            cfg.put("proposal_z", mogConfig(posterior.proposalZ()));
        }
        cfg.put("extra", extra == null ? Map.of() : extra);
        Files.createDirectories(dir);
        Checkpoint.save(dir.resolve(WEIGHTS), posterior.estimator().module(), cfg, null, 0, null);
        astrograd.layers.io.AtomicFile.write(dir.resolve(CONFIG),
                astrograd.layers.io.Json.write(cfg).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    public static Loaded load(Path dir) throws IOException {
        Path file = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw new IOException("sbi model folder " + dir + " has no " + WEIGHTS);
        }
        Checkpoint ckpt = Checkpoint.load(file);
        Map<String, Object> cfg = ckpt.config();
        if (!"astrograd.sbi.posterior/1".equals(cfg.get("format"))) {
            throw new IOException(file + ": not an astrograd SBI posterior (format " + cfg.get("format") + ")");
        }
        ConditionalDensity estimator = estimator((Map<String, Object>) cfg.get("estimator"));
        ckpt.loadInto(estimator.module(), true);
        Map<String, Object> prior = (Map<String, Object>) cfg.get("prior");
        double[] a = doubles(prior.get("a"));
        double[] b = doubles(prior.get("b"));
        VectorPrior vp = "BOX".equals(prior.get("kind")) ? VectorPrior.box(a, b) : VectorPrior.gaussian(a, b);
        Mog proposal = cfg.containsKey("proposal_z") ? mog((Map<String, Object>) cfg.get("proposal_z")) : null;
        Posterior p = new Posterior(estimator, new ZScore(doubles(cfg.get("theta_mean")), doubles(cfg.get("theta_std"))),
                new ZScore(doubles(cfg.get("x_mean")), doubles(cfg.get("x_std"))), vp, proposal,
                ((Number) cfg.get("acceptance_floor")).doubleValue());
        return new Loaded(p, (Map<String, Object>) cfg.getOrDefault("extra", Map.of()));
    }

    private static Map<String, Object> estimatorConfig(ConditionalDensity q) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (q instanceof MixtureDensityNetwork mdn) {
            MixtureDensityNetwork.Config c = mdn.config();
            m.put("kind", "MDN");
            m.put("dim", c.dim());
            m.put("context", c.contextDim());
            m.put("components", c.components());
            m.put("hidden", c.hidden());
            m.put("layers", c.layers());
        } else if (q instanceof NeuralSplineFlow nsf) {
            NeuralSplineFlow.Config c = nsf.config();
            m.put("kind", "NSF");
            m.put("dim", c.dim());
            m.put("context", c.contextDim());
            m.put("layers", c.layers());
            m.put("hidden", c.hidden());
            m.put("blocks", c.blocks());
            m.put("bins", c.bins());
            m.put("tail_bound", c.tailBound());
        } else {
            throw new IllegalArgumentException("PosteriorIo: cannot save a " + q.getClass().getSimpleName());
        }
        m.put("dtype", q.module().parameters().get(0).value().dtype().name());
        return m;
    }

    private static ConditionalDensity estimator(Map<String, Object> m) throws IOException {
        DType dtype = DType.valueOf((String) m.get("dtype"));
        Rng unused = new Rng(0);
        switch ((String) m.get("kind")) {
            case "MDN":
                return new MixtureDensityNetwork(new MixtureDensityNetwork.Config(integer(m, "dim"),
                        integer(m, "context"), integer(m, "components"), integer(m, "hidden"), integer(m, "layers")),
                        dtype, unused);
            case "NSF":
                return new NeuralSplineFlow(new NeuralSplineFlow.Config(integer(m, "dim"), integer(m, "context"),
                        integer(m, "layers"), integer(m, "hidden"), integer(m, "blocks"), integer(m, "bins"),
                        ((Number) m.get("tail_bound")).doubleValue()), dtype, unused);
            default:
                throw new IOException("unknown estimator kind " + m.get("kind"));
        }
    }

    private static Map<String, Object> mogConfig(Mog m) {
        List<Object> means = new ArrayList<>();
        List<Object> precisions = new ArrayList<>();
        for (int c = 0; c < m.components(); c++) {
            means.add(list(m.means()[c]));
            List<Object> rows = new ArrayList<>();
            for (double[] row : m.precisions()[c]) {
                rows.add(list(row));
            }
            precisions.add(rows);
        }
        return Map.of("log_weights", list(m.logWeights()), "means", means, "precisions", precisions);
    }

    @SuppressWarnings("unchecked")
    private static Mog mog(Map<String, Object> m) {
        List<Object> means = (List<Object>) m.get("means");
        List<Object> precisions = (List<Object>) m.get("precisions");
        double[][] mu = new double[means.size()][];
        double[][][] p = new double[means.size()][][];
        for (int c = 0; c < mu.length; c++) {
            mu[c] = doubles(means.get(c));
            List<Object> rows = (List<Object>) precisions.get(c);
            p[c] = new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                p[c][i] = doubles(rows.get(i));
            }
        }
        return Mog.fromPrecisions(doubles(m.get("log_weights")), mu, p);
    }

    private static List<Object> list(double[] v) {
        List<Object> out = new ArrayList<>();
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    private static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).doubleValue();
        }
        return out;
    }

    private static int integer(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }
}
