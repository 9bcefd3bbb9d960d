package astrograd.inference.anomaly;

import astrograd.inference.stats.Ranks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Active anomaly discovery (Das, Wong, Dietterich, Fern &amp; Emmott 2016) on an isolation forest, as in coniferest's
 * {@code AADForest}: every leaf {@code ℓ} gets a weight {@code w_ℓ} (start {@code 1/√L} over the forest's L leaves)
 * and a value {@code v_ℓ = 1/(depth + c(size))}, and a row's score is the weighted sum over the leaves it reaches,
 * {@code s(x) = Σ_t w_ℓt(x) v_ℓt(x)} (larger: more anomalous). After each oracle label the weights minimise
 * <pre>
 *   L(w) = C_a/|A| Σ_{a∈A} max(0, q_τ − s_a(w)) + 1/|N| Σ_{n∈N} max(0, s_n(w) − q_τ) + (λ/2)‖w − w_prev‖²
 * </pre>
 * with {@code q_τ} the τ-quantile of the previous scores over all rows (τ = 0.97: labelled anomalies pushed above the
 * top 3 %, labelled nominals below), then are normalised to unit length. The hinge loss is piecewise linear, so for a
 * fixed set of active hinges the minimiser is {@code w = w_prev − Φᵀc/λ}; the solver iterates that fixed point with
 * step halving until the loss stops falling.
 */
public final class ActiveAnomalyDiscovery {
    /** Answers whether a row is an anomaly (the expert in the loop). */
    @FunctionalInterface
    public interface Oracle {
        boolean isAnomaly(int row);
    }

    /** The rows queried in order and the oracle's answers. */
    public record Session(int[] queried, boolean[] anomaly) {
        /** Anomalies among the first {@code k} queries. */
        public int anomaliesFound(int k) {
            int c = 0;
            for (int i = 0; i < Math.min(k, anomaly.length); i++) {
                c += anomaly[i] ? 1 : 0;
            }
            return c;
        }
    }

    /** Fixed-point iterations per update (the active set of hinges settles within a few). */
    private static final int MAX_ITERATIONS = 20;

    private final int n;
    private final int trees;
    private final int[] leaves;
    private final double[] value;
    private double[] weights;
    private final double tau;
    private final double cAnomaly;
    private final double priorInfluence;
    private final List<Integer> labelledRows = new ArrayList<>();
    private final List<Boolean> labels = new ArrayList<>();
    private final boolean[] isLabelled;

    /** With coniferest's defaults τ = 0.97, C_a = 1, λ = 1. */
    public ActiveAnomalyDiscovery(IsolationForest forest, double[] x, int n) {
        this(forest, x, n, 0.97, 1.0, 1.0);
    }

    public ActiveAnomalyDiscovery(IsolationForest forest, double[] x, int n, double tau, double cAnomaly,
                                  double priorInfluence) {
        if (!(tau > 0 && tau < 1) || !(cAnomaly > 0) || !(priorInfluence > 0)) {
            throw new IllegalArgumentException("ActiveAnomalyDiscovery: need 0 < tau < 1, C_a > 0, prior influence > 0;"
                    + " got " + tau + ", " + cAnomaly + ", " + priorInfluence);
        }
        this.n = n;
        this.trees = forest.trees();
        this.leaves = forest.leaves(x, n);
        double[] path = forest.globalPathLengths();
        this.value = new double[path.length];
        int leafCount = 0;
        for (int g = 0; g < path.length; g++) {
            if (forest.isLeaf(g)) {
                value[g] = 1 / Math.max(path[g], 1e-12);
                leafCount++;
            }
        }
        this.weights = new double[path.length];
        double w0 = 1 / Math.sqrt(leafCount);
        for (int g = 0; g < path.length; g++) {
            weights[g] = forest.isLeaf(g) ? w0 : 0;
        }
        this.tau = tau;
        this.cAnomaly = cAnomaly;
        this.priorInfluence = priorInfluence;
        this.isLabelled = new boolean[n];
    }

    /** Current scores of all rows (larger: more anomalous). */
    public double[] scores() {
        return scores(weights);
    }

    private double[] scores(double[] w) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = score(i, w);
        }
        return s;
    }

    private double score(int row, double[] w) {
        double s = 0;
        for (int t = 0; t < trees; t++) {
            int g = leaves[row * trees + t];
            s += w[g] * value[g];
        }
        return s;
    }

    /** The unlabelled row with the highest current score, or −1 when every row is labelled. */
    public int nextQuery() {
        double[] s = scores();
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (!isLabelled[i] && (best < 0 || s[i] > s[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Records the oracle's answer for {@code row} and refits the leaf weights to all labels so far. */
    public void label(int row, boolean anomaly) {
        if (row < 0 || row >= n) {
            throw new IllegalArgumentException("ActiveAnomalyDiscovery.label: row " + row + " outside [0, " + n + ")");
        }
        if (isLabelled[row]) {
            throw new IllegalArgumentException("ActiveAnomalyDiscovery.label: row " + row + " is already labelled");
        }
        isLabelled[row] = true;
        labelledRows.add(row);
        labels.add(anomaly);
        updateWeights();
    }

    /** Queries the top-ranked unlabelled row {@code budget} times, labelling each from {@code oracle}. */
    public Session run(Oracle oracle, int budget) {
        int steps = Math.min(budget, n);
        int[] queried = new int[steps];
        boolean[] answers = new boolean[steps];
        for (int k = 0; k < steps; k++) {
            queried[k] = nextQuery();
            answers[k] = oracle.isAnomaly(queried[k]);
            label(queried[k], answers[k]);
        }
        return new Session(queried, answers);
    }

    /** The static-forest baseline: the oracle's answers on the {@code budget} rows with the highest {@code s(x)}. */
    public static Session staticBaseline(double[] forestScores, Oracle oracle, int budget) {
        Integer[] order = new Integer[forestScores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(forestScores[b], forestScores[a]));
        int steps = Math.min(budget, order.length);
        int[] queried = new int[steps];
        boolean[] answers = new boolean[steps];
        for (int k = 0; k < steps; k++) {
            queried[k] = order[k];
            answers[k] = oracle.isAnomaly(order[k]);
        }
        return new Session(queried, answers);
    }

    /**
     * Minimises L(w) over the leaves reached by labelled rows (the only weights the hinge terms move), writing the
     * candidate {@code w = w_prev + d} into one working array; then normalises.
     */
    private void updateWeights() {
        double q = Ranks.quantile(scores(weights), tau);
        double[] prior = weights;
        int[] touched = touchedLeaves();
        int[] slot = new int[value.length];
        for (int i = 0; i < touched.length; i++) {
            slot[touched[i]] = i;
        }
        double[] w = prior.clone();
        double[] d = new double[touched.length];
        double loss = loss(w, d, q);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] target = fixedPointShift(w, q, slot, touched.length);
            double step = 1;
            double[] trial = blend(d, target, step);
            double trialLoss = loss(install(w, prior, touched, trial), trial, q);
            double tol = 1e-10 * Math.max(1, Math.abs(loss));
            while (trialLoss > loss - tol && step > 1e-6) {
                step /= 2;
                trial = blend(d, target, step);
                trialLoss = loss(install(w, prior, touched, trial), trial, q);
            }
            if (trialLoss > loss - tol) {
                install(w, prior, touched, d);
                break;
            }
            d = trial;
            loss = trialLoss;
        }
        double norm = 0;
        for (double v : w) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int g = 0; g < w.length; g++) {
            w[g] /= norm;
        }
        weights = w;
    }

    /** {@code w[touched] = prior[touched] + d}; returns w. */
    private static double[] install(double[] w, double[] prior, int[] touched, double[] d) {
        for (int i = 0; i < touched.length; i++) {
            w[touched[i]] = prior[touched[i]] + d[i];
        }
        return w;
    }

    /** The leaves reached by labelled rows: the only weights an update moves away from the prior. */
    private int[] touchedLeaves() {
        java.util.BitSet set = new java.util.BitSet(value.length);
        for (int row : labelledRows) {
            for (int t = 0; t < trees; t++) {
                set.set(leaves[row * trees + t]);
            }
        }
        return set.stream().toArray();
    }

    /** {@code −Φᵀc(w)/λ} on the touched leaves: the shift from the prior that minimises L for the hinges active at w. */
    private double[] fixedPointShift(double[] w, double q, int[] slot, int m) {
        double[] out = new double[m];
        double[] c = hingeCoefficients(w, q);
        for (int k = 0; k < c.length; k++) {
            if (c[k] == 0) {
                continue;
            }
            int row = labelledRows.get(k);
            for (int t = 0; t < trees; t++) {
                int g = leaves[row * trees + t];
                out[slot[g]] -= c[k] * value[g] / priorInfluence;
            }
        }
        return out;
    }

    /** ∂L/∂s_k: −C_a/|A| for anomalies at or below q, 1/|N| for nominals at or above q, else 0. */
    private double[] hingeCoefficients(double[] w, double q) {
        int anomalies = 0;
        for (boolean b : labels) {
            anomalies += b ? 1 : 0;
        }
        int nominals = labels.size() - anomalies;
        double[] c = new double[labels.size()];
        for (int k = 0; k < c.length; k++) {
            double s = score(labelledRows.get(k), w);
            if (labels.get(k) && s <= q) {
                c[k] = -cAnomaly / anomalies;
            } else if (!labels.get(k) && s >= q) {
                c[k] = 1.0 / nominals;
            }
        }
        return c;
    }

    /** The objective at {@code w}, which differs from the prior by {@code d} on the touched leaves. */
    private double loss(double[] w, double[] d, double q) {
        int anomalies = 0;
        for (boolean b : labels) {
            anomalies += b ? 1 : 0;
        }
        int nominals = labels.size() - anomalies;
        double l = 0;
        for (int k = 0; k < labels.size(); k++) {
            double s = score(labelledRows.get(k), w);
            l += labels.get(k) ? cAnomaly * Math.max(0, q - s) / anomalies : Math.max(0, s - q) / nominals;
        }
        double sq = 0;
        for (double v : d) {
            sq += v * v;
        }
        return l + 0.5 * priorInfluence * sq;
    }

    private static double[] blend(double[] from, double[] to, double step) {
        double[] out = new double[from.length];
        for (int i = 0; i < from.length; i++) {
            out[i] = from[i] + step * (to[i] - from[i]);
        }
        return out;
    }
}
