"""The dead-time QPO simulator of DeadTimeSBI (make_hf_qpo_simulations_avg.py) in NumPy, in the reduced set-up of
spec 4(d)7 (one detector, T_seg 10 s, dt_hi 1e-4 s, 0.5 ms bins, 1-s averages, log-rebin f = 0.01), to time
against `astrograd xray simulate --setup reduced` on the same machine in the same run.

The non-paralyzable filter is stingray's _nonpar_core as a Python loop (stingray compiles it with numba, which is
not installed here); binning, FFTs and rebinning are NumPy/SciPy.

Usage: /usr/bin/python3 deadtime_sim_numpy.py N   (prints ms per simulation)
"""
import sys
import time

import numpy as np
from scipy.stats import binned_statistic

T_SEG, DT_HI, DT, T_AVG, TAU, F_LOG = 10.0, 1e-4, 5e-4, 1.0, 2.5e-3, 0.01


def lorentzian_counts(rng, rate, nu0, q, rms, n):
    freq = np.fft.rfftfreq(n, DT_HI)[1:]
    half_width = nu0 / q / 2
    shape = half_width**2 / (half_width**2 + (freq - nu0) ** 2)
    f = (rng.standard_normal(freq.size) + 1j * rng.standard_normal(freq.size)) * np.sqrt(shape)
    x = np.fft.irfft(np.concatenate([[0.0], np.conj(f)]), n)
    lam = (x - x.mean()) / x.std() * (rate * DT_HI * rms) + rate * DT_HI
    return np.clip(lam, 0, None)


def nonpar_filter(t, tau):
    t0 = t[0]
    rel = t - t0
    keep = np.ones(t.size, dtype=bool)
    end = tau
    for i in range(1, t.size):
        if rel[i] < end:
            keep[i] = False
        else:
            end = rel[i] + tau
    return t[keep]


def log_edges(f):
    df = f[1] - f[0]
    edges = [f[0] / 2, f[0] / 2 + df]
    width = df
    while edges[-1] <= f[-1]:
        width *= 1 + F_LOG
        edges.append(edges[-1] + width)
    return np.array(edges)


def simulate(rng, theta, edges):
    rate, nu0, q, rms = theta
    n = int(round(T_SEG / DT_HI))
    lam = lorentzian_counts(rng, rate, nu0, q, rms, n)
    counts = rng.poisson(lam)
    events = np.repeat(np.arange(n) * DT_HI, counts)
    kept = nonpar_filter(events, TAU) if events.size else events
    lc, _ = np.histogram(kept, bins=int(round(T_SEG / DT)), range=(0, T_SEG))
    per = int(round(T_AVG / DT))
    seg = lc[: (lc.size // per) * per].reshape(-1, per).astype(float)
    seg = seg[seg.sum(axis=1) > 0]
    raw = np.abs(np.fft.rfft(seg, axis=1)[:, 1:(per + 1) // 2]) ** 2
    mean_photons = seg.sum(axis=1).mean()
    power = raw.mean(axis=0) * 2 * T_AVG / mean_photons**2
    freq = np.arange(1, (per + 1) // 2) / T_AVG
    summary, _, _ = binned_statistic(freq, power, statistic="mean", bins=edges)
    return summary[np.isfinite(summary)]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = np.random.default_rng(1)
    per = int(round(T_AVG / DT))
    edges = log_edges(np.arange(1, (per + 1) // 2) / T_AVG)
    low, high = np.array([500, 100, 3, 0.1]), np.array([1500, 400, 30, 0.5])
    thetas = low + (high - low) * rng.random((n, 4))
    simulate(rng, thetas[0], edges)
    start = time.perf_counter()
    for theta in thetas:
        s = simulate(rng, theta, edges)
    seconds = time.perf_counter() - start
    print(f"numpy: {n} simulations, {s.size} summary entries, {1e3 * seconds / n:.3f} ms per simulation (serial)")


if __name__ == "__main__":
    main()
