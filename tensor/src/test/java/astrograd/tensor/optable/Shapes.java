package astrograd.tensor.optable;

import java.util.SplittableRandom;

/** Random shapes for the op table: small sizes, with size-1 and (where allowed) size-0 axes mixed in. */
final class Shapes {
    private Shapes() {
    }

    /** A size: 0 with probability 0.07 (if allowed), 1 with 0.15, else 2..5. */
    static int size(SplittableRandom r, boolean allowZero) {
        double u = r.nextDouble();
        if (allowZero && u < 0.07) {
            return 0;
        }
        if (u < 0.22) {
            return 1;
        }
        return r.nextInt(2, 6);
    }

    static int[] random(SplittableRandom r, int minRank, int maxRank, boolean allowZero) {
        int[] s = new int[r.nextInt(minRank, maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = size(r, allowZero);
        }
        return s;
    }

    static int[] ofRank(SplittableRandom r, int rank, boolean allowZero) {
        return random(r, rank, rank, allowZero);
    }

    /**
     * A shape that broadcasts to {@code out}: some leading axes dropped, some remaining axes set to 1.
     */
    static int[] broadcastable(SplittableRandom r, int[] out) {
        int drop = r.nextDouble() < 0.3 ? r.nextInt(0, out.length + 1) : 0;
        int[] s = new int[out.length - drop];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextDouble() < 0.25 ? 1 : out[drop + i];
        }
        return s;
    }

    /** {@code n} shapes whose broadcast is a random shape of rank 0..4. */
    static int[][] broadcastGroup(SplittableRandom r, int n) {
        int[] out = random(r, 0, 4, true);
        int[][] shapes = new int[n][];
        int full = r.nextInt(n);
        for (int i = 0; i < n; i++) {
            shapes[i] = i == full ? out : broadcastable(r, out);
        }
        return shapes;
    }

    /** Copy of {@code s} with axis {@code axis} (negative counts from the end) set to {@code size}. */
    static int[] with(int[] s, int axis, int size) {
        int[] out = s.clone();
        out[axis < 0 ? axis + s.length : axis] = size;
        return out;
    }

    /** Copy of {@code s} with the given axes at least {@code min} long. */
    static int[] atLeast(int[] s, int min, int... axes) {
        int[] out = s.clone();
        for (int a : axes) {
            int i = a < 0 ? a + s.length : a;
            out[i] = Math.max(out[i], min);
        }
        return out;
    }

    /** All axes at least {@code min}. */
    static int[] allAtLeast(int[] s, int min) {
        int[] out = s.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], min);
        }
        return out;
    }
}
