#!/usr/bin/python3
"""The scikit-learn side of benchmarks/compare-isoforest: IsolationForest(n_estimators=100, max_samples=256) fitted on
rows x features of N(0, I) and score_samples over every row; three repeats, the fastest fit and score reported as one
JSON line. Usage: isoforest_workloads.py [rows] [features] [n_jobs]"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    d = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    x = np.random.default_rng(0).standard_normal((n, d))
    best_fit = best_score = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        forest = IsolationForest(n_estimators=100, max_samples=256, random_state=42, n_jobs=jobs).fit(x)
        t1 = time.perf_counter()
        forest.score_samples(x)
        t2 = time.perf_counter()
        best_fit, best_score = min(best_fit, t1 - t0), min(best_score, t2 - t1)
    print(json.dumps({"tool": "scikit-learn " + sklearn.__version__, "rows": n, "features": d, "n_jobs": jobs,
                      "fit_s": round(best_fit, 4), "score_s": round(best_score, 4)}))


if __name__ == "__main__":
    main()
