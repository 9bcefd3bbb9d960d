"""The emcee side of benchmarks/compare-samplers: effective samples per second of emcee's EnsembleSampler
(stretch move, vectorized numpy log-density) on the 20-D correlated Gaussian and the Rosenbrock density, the same
posteriors, walkers, steps, burn-in (a fifth) and ESS estimator (integrated_time with c = 5 on the kept steps,
ESS = W (N - burn-in) / tau_max) as SamplerComparison.java. Each workload runs once for warm-up (steps / 10), then
timed; the Rosenbrock density runs five times as many steps (its tau is about 1000) (emcee has no JIT; the warm-up only loads and caches). Prints one JSON object per line.

    /usr/bin/python3 benchmarks/emcee_workloads.py [steps]
"""
import json
import sys
import time

import emcee
import numpy as np


def gaussian(d, rho):
    """Sigma_ij = s_i s_j rho^|i-j|, s_i = 10^(i/(d-1)): astrograd's BuiltinModels.gaussian."""
    s = 10 ** (np.arange(d) / (d - 1))
    c = rho ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
    precision = np.linalg.inv(np.outer(s, s) * c)

    def log_prob(x):
        return -0.5 * np.einsum("ij,jk,ik->i", x, precision, x)

    return log_prob, d


def rosenbrock():
    def log_prob(x):
        return -(100.0 * (x[:, 1] - x[:, 0] ** 2) ** 2 + (1.0 - x[:, 0]) ** 2) / 20.0

    return log_prob, 2


def run(workload, log_prob, d, walkers, steps):
    rng = np.random.default_rng(42)
    p0 = rng.normal(size=(walkers, d))
    sampler = emcee.EnsembleSampler(walkers, d, log_prob, vectorize=True)
    t0 = time.perf_counter()
    sampler.run_mcmc(p0, steps)
    seconds = time.perf_counter() - t0
    burn = steps // 5
    tau = float(np.max(emcee.autocorr.integrated_time(sampler.get_chain(discard=burn), c=5, quiet=True)))
    ess = walkers * (steps - burn) / tau
    return {"side": "emcee", "workload": workload, "sampler": "ensemble-stretch", "phase": "timed",
            "emcee": emcee.__version__,
            "walkers": walkers, "steps": steps, "seconds": round(seconds, 4), "tau_max": round(tau, 2),
            "ess": round(ess, 1), "ess_per_s": round(ess / seconds, 2),
            "acceptance": round(float(np.mean(sampler.acceptance_fraction)), 4)}


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    import warnings
    warnings.filterwarnings("ignore")
    for workload, (log_prob, d), walkers, n in (("gauss20", gaussian(20, 0.9), 64, steps),
                                                 ("rosenbrock", rosenbrock(), 32, 5 * steps)):
        run(workload, log_prob, d, walkers, n // 10)
        print(json.dumps(run(workload, log_prob, d, walkers, n)), flush=True)


if __name__ == "__main__":
    main()
