#!/usr/bin/env python3
"""PyTorch side of benchmarks/compare-flares: the flare-finder survey workload window by window.

For each of the five bundled stella Sector 2 light curves (18 300 two-minute cadences), every cadence whose
200-cadence window lies inside the light curve is normalized as astrograd's Windows does (window median,
point-to-point sigma, 10*asinh(z/10)) and scored by a 5-member ensemble of stella's CNN (eval mode, no graph,
batches of 2048), the mean of the sigmoids kept. Weights are PyTorch's initial ones: the cost does not depend
on them. Prints one JSON line: light curves, wall seconds, process CPU seconds, light curves per second and per
CPU-second.

    OPENBLAS_CORETYPE= /usr/bin/python3 benchmarks/flares_torch.py DATA_DIR [light_curves] [threads]
"""
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def stella_cnn():
    return nn.Sequential(nn.Conv1d(1, 16, 7, padding="same"), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.1),
                         nn.Conv1d(16, 64, 3, padding="same"), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.1),
                         nn.Flatten(), nn.Linear(3200, 32), nn.ReLU(), nn.Dropout(0.1), nn.Linear(32, 1))


def noise(flux):
    d = np.diff(flux)
    return 1.4826 * np.median(np.abs(d - np.median(d))) / np.sqrt(2)


def windows(flux):
    w = np.lib.stride_tricks.sliding_window_view(flux, 200)  # window i starts at cadence i (centre i + 100)
    med = np.median(w, axis=1, keepdims=True)
    z = (w / med - 1) / noise(flux)
    return (10 * np.arcsinh(z / 10)).astype(np.float32)[:, None, :]


def score(members, flux):
    x = torch.from_numpy(windows(flux))
    out = []
    with torch.no_grad():
        for i in range(0, len(x), 2048):
            b = x[i:i + 2048]
            out.append(torch.stack([torch.sigmoid(m(b)) for m in members]).mean(0))
    return torch.cat(out)


def main():
    data = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    members = [stella_cnn().eval() for _ in range(5)]
    tics = ["002760232", "002761472", "005640393", "005656273", "005676537"]
    fluxes = [np.load(f"{data}/tess/{t}_sector02.npy")[1] for t in tics]
    score(members, fluxes[0])  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(count):
        score(members, fluxes[i % len(fluxes)])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"side": "pytorch", "path": "per-window", "threads": threads, "light_curves": count,
                      "wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "lc_per_s": round(count / wall, 4),
                      "lc_per_cpu_s": round(count / cpu, 4), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
