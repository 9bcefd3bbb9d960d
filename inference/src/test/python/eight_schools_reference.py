#!/usr/bin/python3
"""Reference posterior of eight schools (non-centered) for HierarchicalPosteriorTest.

Reads posteriordb's reference draws (github.com/stan-dev/posteriordb, commit 28f8d3d:
posterior_database/reference_posteriors/draws/draws/eight_schools-eight_schools_noncentered.json.zip, unzipped;
rstan 2.21.1, 10 chains x 1000 kept draws) and prints the mean, standard deviation (ddof = 1) and 5/50/95 %
quantiles of mu and tau over all 10 000 draws. The means and their MCSE are also published in posteriordb's
summary_statistics/mean_value; the test quotes both.

    /usr/bin/python3 eight_schools_reference.py eight_schools-eight_schools_noncentered.json
"""
import json
import sys

import numpy as np


def main(path):
    with open(path) as f:
        chains = json.load(f)
    for name in ("mu", "tau"):
        x = np.concatenate([np.asarray(c[name]) for c in chains])
        q = np.quantile(x, [0.05, 0.5, 0.95])
        print(f"{name}: n {x.size} mean {x.mean():.15g} sd {x.std(ddof=1):.15g} "
              f"q5 {q[0]:.6g} q50 {q[1]:.6g} q95 {q[2]:.6g}")


if __name__ == "__main__":
    main(sys.argv[1])
