package astrograd.astro.variables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Catalogue stars folded for a model: the stars that fold ({@link Features#fold}) with their class indices, and a
 * message for each one that does not (too few points, a band with too few points).
 *
 * @param curves   folded usable stars
 * @param labels   class index of each usable star into {@code codes} (all −1 without labels)
 * @param codes    the class codes, numeric codes in numeric order, others after them alphabetically
 * @param problems the stars left out, with the reason
 */
public record PreparedStars(List<FoldedCurve> curves, int[] labels, List<String> codes, List<BadStarException> problems) {
    /**
     * @param codes the class codes to index labels by, or null to take the codes present in {@code catalog}
     */
    public static PreparedStars of(StarCatalog.Result catalog, Features features, List<String> codes) {
        List<BadStarException> problems = new ArrayList<>(catalog.problems());
        List<FoldedCurve> curves = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (StarCatalog.Star s : catalog.stars()) {
            try {
                curves.add(features.fold(s.curve()));
                types.add(s.type());
            } catch (BadStarException e) {
                problems.add(e);
            }
        }
        List<String> classCodes = codes != null ? codes : sortedCodes(types);
        int[] labels = new int[curves.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = types.get(i) == null ? -1 : classCodes.indexOf(types.get(i));
        }
        return new PreparedStars(curves, labels, classCodes, problems);
    }

    private static List<String> sortedCodes(List<String> types) {
        TreeSet<String> set = new TreeSet<>(Comparator.comparing(PreparedStars::numericOrNaN)
                .thenComparing(Comparator.naturalOrder()));
        for (String t : types) {
            if (t != null) {
                set.add(t);
            }
        }
        return List.copyOf(set);
    }

    private static double numericOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** Stars per class, in code order. */
    public int[] classCounts() {
        int[] n = new int[codes.size()];
        for (int y : labels) {
            if (y >= 0) {
                n[y]++;
            }
        }
        return n;
    }
}
