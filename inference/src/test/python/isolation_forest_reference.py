#!/usr/bin/python3
"""Reference for IsolationForestTest: scikit-learn's IsolationForest on a fixed data set.

Writes inference/src/test/resources/astrograd/inference/anomaly/isolation_forest_sklearn.csv with the columns
x0..x3 (the data: 1000 rows of N(0, I_4) and 20 rows uniform on [-6, 6]^4) and sklearn_score (score_samples, i.e.
-s(x)) from IsolationForest(n_estimators=300, max_samples=256, random_state=0). 300 trees keep the seed-to-seed
noise of the ranking small: two sklearn forests with different seeds agree to Spearman 0.988 at 300 trees
(0.960 at 100), so the Java test's threshold of 0.95 measures the algorithm, not the tree noise.

Run with: /usr/bin/python3 inference/src/test/python/isolation_forest_reference.py  (scikit-learn 1.2.1 here)
"""
import os

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "astrograd", "inference", "anomaly")


def main():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.standard_normal((1000, 4)), rng.uniform(-6, 6, (20, 4))])
    forest = IsolationForest(n_estimators=300, max_samples=256, random_state=0).fit(x)
    scores = forest.score_samples(x)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "isolation_forest_sklearn.csv"), "w") as f:
        f.write("# scikit-learn %s IsolationForest(n_estimators=300, max_samples=256, random_state=0)\n"
                % sklearn.__version__)
        f.write("x0,x1,x2,x3,sklearn_score\n")
        for row, s in zip(x, scores):
            f.write(",".join("%.17g" % v for v in row) + ",%.17g\n" % s)


if __name__ == "__main__":
    main()
