package astrograd.astro.variables;

import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Seeded stratified splits: every class is shuffled on its own and dealt out in the requested proportions. */
public final class Splits {
    private Splits() {
    }

    /**
     * Assigns each example to one of {@code k} folds so that every class is spread as evenly as possible: the
     * examples of class c, shuffled with {@code rng.fold(c)}, go to folds 0, 1, …, k−1, 0, 1, … in turn.
     */
    public static int[] stratifiedFolds(int[] labels, int k, Rng rng) {
        if (k < 2) {
            throw new IllegalArgumentException("Splits: need at least 2 folds, got " + k);
        }
        int[] fold = new int[labels.length];
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        int next = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            long[] perm = rng.fold(c).permutation(members.size()).toLongArray();
            for (long p : perm) {
                fold[members.get((int) p)] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * A stratified hold-out: true for the examples in the held-out part, about {@code fraction} of every class
     * (at least one example of a class with two or more).
     */
    public static boolean[] stratifiedHoldout(int[] labels, double fraction, Rng rng) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Splits: hold-out fraction must be in (0, 1), got " + fraction);
        }
        boolean[] held = new boolean[labels.length];
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int take = (int) Math.round(fraction * members.size());
            if (take == 0 && members.size() >= 2) {
                take = 1;
            }
            long[] perm = rng.fold(c).permutation(members.size()).toLongArray();
            for (int j = 0; j < take; j++) {
                held[members.get((int) perm[j])] = true;
            }
        }
        return held;
    }

    /** The indices where {@code mask[i] == want}. */
    public static int[] where(boolean[] mask, boolean want) {
        return java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i] == want).toArray();
    }
}
