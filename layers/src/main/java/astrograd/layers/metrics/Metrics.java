package astrograd.layers.metrics;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Classification metrics with scikit-learn's definitions. Labels are class indices {@code >= 0}; binary
 * metrics take the positive class as 1. Where a ratio has a zero denominator (no predicted or no true
 * positives) the ratio is 0, as sklearn's {@code zero_division=0}. Macro averages run over the sorted union
 * of the true and predicted labels. Tensor overloads accept I32/I64 labels and any real scores.
 */
public final class Metrics {
    private Metrics() {
    }

    /** The fraction of predictions equal to the truth. */
    public static double accuracy(int[] yTrue, int[] yPred) {
        check("accuracy", yTrue, yPred.length);
        int hit = 0;
        for (int i = 0; i < yTrue.length; i++) {
            hit += yTrue[i] == yPred[i] ? 1 : 0;
        }
        return (double) hit / yTrue.length;
    }

    /** The mean recall over the classes present in {@code yTrue} (sklearn's balanced_accuracy_score). */
    public static double balancedAccuracy(int[] yTrue, int[] yPred) {
        check("balancedAccuracy", yTrue, yPred.length);
        long[][] cm = confusionMatrix(yTrue, yPred, classCount(yTrue, yPred));
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < cm.length; c++) {
            long support = Arrays.stream(cm[c]).sum();
            if (support > 0) {
                sum += (double) cm[c][c] / support;
                classes++;
            }
        }
        return sum / classes;
    }

    /** {@code C[t][p]}: the number of examples of true class t predicted as p, for classes 0 .. k−1. */
    public static long[][] confusionMatrix(int[] yTrue, int[] yPred, int classes) {
        check("confusionMatrix", yTrue, yPred.length);
        long[][] cm = new long[classes][classes];
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] >= classes || yPred[i] < 0 || yPred[i] >= classes) {
                throw new IllegalArgumentException("confusionMatrix: example " + i + " has labels " + yTrue[i] + " / " + yPred[i]
                        + " outside 0 .. " + (classes - 1));
            }
            cm[yTrue[i]][yPred[i]]++;
        }
        return cm;
    }

    /** Precision of the positive class 1: {@code TP / (TP + FP)}. */
    public static double precision(int[] yTrue, int[] yPred) {
        return counts("precision", yTrue, yPred, 1).precision();
    }

    /** Recall of the positive class 1: {@code TP / (TP + FN)}. */
    public static double recall(int[] yTrue, int[] yPred) {
        return counts("recall", yTrue, yPred, 1).recall();
    }

    /** F1 of the positive class 1: {@code 2 P R / (P + R)}. */
    public static double f1(int[] yTrue, int[] yPred) {
        return counts("f1", yTrue, yPred, 1).f1();
    }

    /** The unweighted mean of per-class precision. */
    public static double macroPrecision(int[] yTrue, int[] yPred) {
        return macro("macroPrecision", yTrue, yPred, 0);
    }

    /** The unweighted mean of per-class recall. */
    public static double macroRecall(int[] yTrue, int[] yPred) {
        return macro("macroRecall", yTrue, yPred, 1);
    }

    /** The unweighted mean of per-class F1. */
    public static double macroF1(int[] yTrue, int[] yPred) {
        return macro("macroF1", yTrue, yPred, 2);
    }

    /**
     * Area under the ROC curve of scores for binary labels, by the trapezoidal rule over the distinct score
     * thresholds, so tied scores count as one threshold (sklearn's roc_auc_score; equal to the Mann–Whitney
     * statistic with ties counted one half).
     */
    public static double rocAuc(int[] yTrue, double[] scores) {
        Curve c = curve("rocAuc", yTrue, scores);
        double area = 0;
        long prevFp = 0;
        long prevTp = 0;
        for (int k = 0; k < c.tp.length; k++) {
            area += (double) (c.fp[k] - prevFp) * (c.tp[k] + prevTp) / 2;
            prevFp = c.fp[k];
            prevTp = c.tp[k];
        }
        return area / ((double) c.positives() * c.negatives());
    }

    /**
     * Average precision {@code Σ_n (R_n − R_{n−1}) P_n} over the distinct score thresholds, highest first
     * (sklearn's average_precision_score; no interpolation).
     */
    public static double averagePrecision(int[] yTrue, double[] scores) {
        Curve c = curve("averagePrecision", yTrue, scores);
        double ap = 0;
        double prevRecall = 0;
        for (int k = 0; k < c.tp.length; k++) {
            double recall = (double) c.tp[k] / c.positives();
            ap += (recall - prevRecall) * c.tp[k] / (c.tp[k] + c.fp[k]);
            prevRecall = recall;
        }
        return ap;
    }

    // ---------------------------------------------------------------- tensor overloads

    public static double accuracy(Tensor yTrue, Tensor yPred) {
        return accuracy(labels(yTrue), labels(yPred));
    }

    public static double balancedAccuracy(Tensor yTrue, Tensor yPred) {
        return balancedAccuracy(labels(yTrue), labels(yPred));
    }

    public static long[][] confusionMatrix(Tensor yTrue, Tensor yPred, int classes) {
        return confusionMatrix(labels(yTrue), labels(yPred), classes);
    }

    public static double rocAuc(Tensor yTrue, Tensor scores) {
        return rocAuc(labels(yTrue), scores.to(DType.F64).contiguous().toDoubleArray());
    }

    public static double averagePrecision(Tensor yTrue, Tensor scores) {
        return averagePrecision(labels(yTrue), scores.to(DType.F64).contiguous().toDoubleArray());
    }

    /** Integer labels from an I32, I64 or BOOL tensor (flattened). */
    public static int[] labels(Tensor t) {
        if (t.dtype() != DType.I32 && t.dtype() != DType.I64 && t.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("Metrics: labels must be I32, I64 or BOOL, got " + t.dtype());
        }
        return t.to(DType.I32).contiguous().toIntArray();
    }

    // ---------------------------------------------------------------- internals

    private record Counts(long tp, long fp, long fn) {
        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private static Counts counts(String op, int[] yTrue, int[] yPred, int label) {
        check(op, yTrue, yPred.length);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < yTrue.length; i++) {
            boolean t = yTrue[i] == label;
            boolean p = yPred[i] == label;
            tp += t && p ? 1 : 0;
            fp += !t && p ? 1 : 0;
            fn += t && !p ? 1 : 0;
        }
        return new Counts(tp, fp, fn);
    }

    private static double macro(String op, int[] yTrue, int[] yPred, int which) {
        check(op, yTrue, yPred.length);
        TreeSet<Integer> labels = new TreeSet<>();
        for (int i = 0; i < yTrue.length; i++) {
            labels.add(yTrue[i]);
            labels.add(yPred[i]);
        }
        double sum = 0;
        for (int label : labels) {
            Counts c = counts(op, yTrue, yPred, label);
            sum += which == 0 ? c.precision() : which == 1 ? c.recall() : c.f1();
        }
        return sum / labels.size();
    }

    /** Cumulative false and true positives at each distinct threshold, highest score first. */
    private record Curve(long[] fp, long[] tp) {
        long positives() {
            return tp[tp.length - 1];
        }

        long negatives() {
            return fp[fp.length - 1];
        }
    }

    private static Curve curve(String op, int[] yTrue, double[] scores) {
        check(op, yTrue, scores.length);
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (yTrue[i] != 0 && yTrue[i] != 1) {
                throw new IllegalArgumentException(op + ": labels must be 0 or 1, example " + i + " has " + yTrue[i]);
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException(op + ": score of example " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long[] fp = new long[order.length];
        long[] tp = new long[order.length];
        int k = 0;
        long f = 0;
        long t = 0;
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            t += yTrue[i];
            f += 1 - yTrue[i];
            if (r == order.length - 1 || scores[order[r + 1]] != scores[i]) {
                fp[k] = f;
                tp[k] = t;
                k++;
            }
        }
        Curve c = new Curve(Arrays.copyOf(fp, k), Arrays.copyOf(tp, k));
        if (c.positives() == 0 || (op.equals("rocAuc") && c.negatives() == 0)) {
            throw new IllegalArgumentException(op + ": needs both classes in the labels, got " + c.positives() + " positives and "
                    + c.negatives() + " negatives");
        }
        return c;
    }

    private static void check(String op, int[] yTrue, int n) {
        if (yTrue.length != n) {
            throw new IllegalArgumentException(op + ": " + yTrue.length + " labels but " + n + " predictions");
        }
        if (n == 0) {
            throw new IllegalArgumentException(op + ": no examples");
        }
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] < 0) {
                throw new IllegalArgumentException(op + ": label of example " + i + " is negative (" + yTrue[i] + ")");
            }
        }
    }

    private static int classCount(int[] a, int[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.max(a[i], b[i]));
        }
        return max + 1;
    }
}
