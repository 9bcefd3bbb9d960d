#!/usr/bin/python3
"""Fixtures for astrograd's diagnostics tests (DiagnosticsFixtureTest).

Writes chains as .npy and the reference values as CSV into
inference/src/test/resources/astrograd/inference/diagnostics/. Reference values:
  * R-hat, bulk/tail ESS and MCSE of the mean (Vehtari et al. 2021), written here from the paper with numpy and
    scipy, independently of the Java code;
  * mc3's Gelman-Rubin (ddof = 0 within-chain variances, (m+1)/m factor);
  * emcee's integrated autocorrelation time, from emcee.autocorr.integrated_time itself (Debian's python3-emcee).

Run with: /usr/bin/python3 inference/src/test/python/diagnostics_fixtures.py
"""
import csv
import os

import emcee
import numpy as np
from scipy import special, stats

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "astrograd", "inference", "diagnostics")


def ar1(rng, rho, shape):
    """AR(1) series along the last axis, stationary N(0, 1) marginals."""
    x = np.empty(shape)
    e = rng.standard_normal(shape) * np.sqrt(1 - rho * rho)
    x[..., 0] = rng.standard_normal(shape[:-1])
    for t in range(1, shape[-1]):
        x[..., t] = rho * x[..., t - 1] + e[..., t]
    return x


def split(x):
    half = x.shape[1] // 2
    return np.concatenate([x[:, :half], x[:, x.shape[1] - half:]], axis=0)


def z_scale(x):
    r = stats.rankdata(x.ravel(), method="average").reshape(x.shape)
    return special.ndtri((r - 0.375) / (x.size + 0.25))


def rhat_basic(x):
    m, n = x.shape
    b = n * np.var(x.mean(axis=1), ddof=1)
    w = np.mean(np.var(x, axis=1, ddof=1))
    return np.sqrt((b / w + n - 1) / n)


def autocov(c):
    """Biased autocovariance (divided by N) by direct sums."""
    n = len(c)
    d = c - c.mean()
    full = np.correlate(d, d, mode="full")[n - 1:]
    return full / n


def ess_basic(x):
    """Geyer's initial monotone sequence on pairs P_k = rho_2k + rho_2k+1 of the multi-chain autocorrelation."""
    m, n = x.shape
    acov = np.array([autocov(c) for c in x]).mean(axis=0)
    w = acov[0] * n / (n - 1)
    var_plus = w * (n - 1) / n + (np.var(x.mean(axis=1), ddof=1) if m > 1 else 0.0)
    rho = 1 - (w - acov) / var_plus
    rho[0] = 1.0
    pairs = [rho[0] + rho[1]]
    last_even = None
    k = 1
    # keep computing pairs while the previous pair is positive and the odd lag stays below n - 1
    while 2 * k - 1 < n - 3 and pairs[-1] > 0:
        p = rho[2 * k] + rho[2 * k + 1]
        last_even = rho[2 * k] if (p >= 0 or rho[2 * k] > 0) else None
        pairs.append(p)
        k += 1
    used = pairs[:-1] if len(pairs) > 1 else []
    for i in range(1, len(used)):
        used[i] = min(used[i], used[i - 1])
    tau = -1 + 2 * sum(used)
    if len(pairs) == 1:
        tau = -1 + (1.0 if rho[0] > 0 else 0.0)
    elif last_even is not None:
        tau += last_even
    tau = max(tau, 1 / np.log10(m * n))
    return m * n / tau


def diagnostics(x):
    s = split(x)
    folded = np.abs(s - np.median(x))
    q05, q95 = np.quantile(x, [0.05, 0.95])
    return {
        "rhat": max(rhat_basic(z_scale(s)), rhat_basic(z_scale(folded))),
        "ess_bulk": ess_basic(z_scale(s)),
        "ess_tail": min(ess_basic(split((x <= q05).astype(float))), ess_basic(split((x <= q95).astype(float)))),
        "ess_mean": ess_basic(s),
        "mcse_mean": np.std(x, ddof=1) / np.sqrt(ess_basic(s)),
        "gelman_rubin": gelman_rubin(x),
    }


def gelman_rubin(x):
    m, n = x.shape
    w = np.mean(np.var(x, axis=1, ddof=0))
    b = n / (m - 1) * np.sum((x.mean(axis=1) - x.mean()) ** 2)
    v = w * (n - 1) / n + b * (m + 1) / (m * n)
    return np.sqrt(v / w)


def main():
    rng = np.random.default_rng(20240518)
    cases = {
        "ar07": ar1(rng, 0.7, (4, 500)),
        "shifted": ar1(rng, 0.3, (4, 400)) + np.array([[0.0], [0.0], [0.0], [0.8]]),
        "heavy_odd": rng.standard_t(3, size=(4, 301)),
        "ties": rng.poisson(3.0, size=(4, 200)).astype(float),
    }
    rows = []
    for name, x in cases.items():
        np.save(os.path.join(OUT, name + ".npy"), x)
        for stat, value in diagnostics(x).items():
            rows.append((name, stat, repr(float(value))))
    # emcee's tau: x[step, walker] from 4 AR(1) walkers with rho = 0.9 (true tau = 19)
    walkers = ar1(rng, 0.9, (4, 3000))
    np.save(os.path.join(OUT, "tau_walkers.npy"), walkers)
    tau = emcee.autocorr.integrated_time(walkers.T[:, :, None], c=5, tol=0)[0]
    rows.append(("tau_walkers", "tau", repr(float(tau))))
    short = walkers[:, :300]
    tau_short = emcee.autocorr.integrated_time(short.T[:, :, None], c=5, tol=0)[0]
    rows.append(("tau_walkers_300", "tau", repr(float(tau_short))))
    with open(os.path.join(OUT, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "statistic", "value"])
        w.writerows(rows)
    for r in rows:
        print(*r)


if __name__ == "__main__":
    main()
