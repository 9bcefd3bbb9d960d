package astrograd.astro.images;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches detections to injected transients: each transient, brightest first, takes the nearest unmatched
 * detection within {@code radius} pixels.
 */
public final class Matching {
    private Matching() {
    }

    /** For each transient, the index of its detection in {@code found}, or −1. */
    public static int[] match(List<SurveyPair.Transient> truth, List<Detection> found, double radius) {
        int[] match = new int[truth.size()];
        boolean[] used = new boolean[found.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(truth.get(b).flux(), truth.get(a).flux()));
        for (int i : order) {
            SurveyPair.Transient t = truth.get(i);
            int best = -1;
            double bestD = radius;
            for (int j = 0; j < found.size(); j++) {
                double d = Math.hypot(found.get(j).x() - t.x(), found.get(j).y() - t.y());
                if (!used[j] && d <= bestD) {
                    best = j;
                    bestD = d;
                }
            }
            match[i] = best;
            if (best >= 0) {
                used[best] = true;
            }
        }
        return match;
    }
}
