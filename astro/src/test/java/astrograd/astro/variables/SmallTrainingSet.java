package astrograd.astro.variables;

import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/** A small synthetic training set for the tests that train a model end to end: 10 stars per class, L = 40. */
record SmallTrainingSet(Features features, List<SyntheticVariables.Star> stars, List<FoldedCurve> curves, int[] labels) {
    static SmallTrainingSet make() {
        Features f = new Features(40, false, 1, 16);
        List<SyntheticVariables.Star> stars = new SyntheticVariables(40, 80, 0.1).generate(10, new Rng(3));
        List<FoldedCurve> curves = new ArrayList<>();
        int[] labels = new int[stars.size()];
        for (int i = 0; i < stars.size(); i++) {
            curves.add(f.fold(stars.get(i).curve()));
            labels[i] = stars.get(i).label();
        }
        return new SmallTrainingSet(f, stars, curves, labels);
    }
}
