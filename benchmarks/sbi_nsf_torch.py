#!/usr/bin/python3
"""The PyTorch side of `benchmarks/compare-sbi`: NPE with a neural spline flow on two_moons, written by hand
(nflows is not installed) to match astrograd's NeuralSplineFlow layer for layer:

  5 rational-quadratic spline coupling layers (10 bins, tails at +-3, min bin width/height/derivative 1e-3,
  widths and heights divided by sqrt(hidden)), coordinates reversed between layers, conditioner = nflows'
  ResidualNet without batch norm (Linear(in, 50), 2 blocks h + W2 relu(W1 relu(h)), Linear(50, 3K-1)),
  standard-normal base; theta and x z-scored on the training split.

Workload: simulate N two_moons draws from the prior, train E epochs (batch 200, Adam lr 5e-4, gradient norm
clipped at 5, validation loss on 10% after every epoch, no early stopping so both sides do the same work), then
draw S posterior samples at one observation. Prints one JSON line with the timings.

Run: /usr/bin/python3 benchmarks/sbi_nsf_torch.py --simulations 10000 --epochs 20 --samples 10000 --threads 1
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MIN = 1e-3
B = 3.0


def two_moons(theta, g):
    n = theta.shape[0]
    a = (torch.rand(n, generator=g) - 0.5) * math.pi
    r = 0.1 + 0.01 * torch.randn(n, generator=g)
    p = torch.stack([r * torch.cos(a) + 0.25, r * torch.sin(a)], 1)
    z0 = (theta[:, 0] + theta[:, 1]) / math.sqrt(2)
    z1 = (-theta[:, 0] + theta[:, 1]) / math.sqrt(2)
    return p + torch.stack([-z0.abs(), z1], 1)


def knots(u, bound):
    k = u.shape[-1]
    w = MIN + (1 - MIN * k) * F.softmax(u, -1)
    inner = torch.cumsum(w, -1)[..., :-1] * 2 * bound - bound
    pos = F.pad(F.pad(inner, (1, 0), value=-bound), (0, 1), value=bound)
    return pos, pos[..., 1:] - pos[..., :-1]


def spline(x, uw, uh, ud, inverse):
    inside = (x >= -B) & (x <= B)
    xc = x.clamp(-B, B)
    kx, wx = knots(uw, B)
    ky, hy = knots(uh, B)
    d = F.pad(F.pad(MIN + F.softplus(ud), (1, 0), value=1.0), (0, 1), value=1.0)
    loc = ky if inverse else kx
    k = uw.shape[-1]
    idx = (xc[..., None] >= loc[..., 1:k]).sum(-1, keepdim=True).clamp(0, k - 1)
    x0, w, y0, h = kx.gather(-1, idx)[..., 0], wx.gather(-1, idx)[..., 0], ky.gather(-1, idx)[..., 0], hy.gather(-1, idx)[..., 0]
    d0, d1 = d.gather(-1, idx)[..., 0], d.gather(-1, idx + 1)[..., 0]
    s = h / w
    if inverse:
        dy = xc - y0
        cur = d0 + d1 - 2 * s
        a = dy * cur + h * (s - d0)
        b = h * d0 - dy * cur
        c = -s * dy
        xi = 2 * c / (-b - torch.sqrt((b * b - 4 * a * c).clamp_min(0)))
        out = xi * w + x0
    else:
        xi = (xc - x0) / w
        out = None
    t = xi * (1 - xi)
    den = s + (d0 + d1 - 2 * s) * t
    if not inverse:
        out = y0 + h * (s * xi * xi + d0 * t) / den
    lad = torch.log(s * s * (d1 * xi * xi + 2 * s * t + d0 * (1 - xi) ** 2)) - 2 * torch.log(den)
    if inverse:
        lad = -lad
    return torch.where(inside, out, x), torch.where(inside, lad, torch.zeros_like(lad))


class ResidualNet(nn.Module):
    def __init__(self, i, h, o, blocks=2):
        super().__init__()
        self.initial = nn.Linear(i, h)
        self.blocks = nn.ModuleList([nn.ModuleList([nn.Linear(h, h), nn.Linear(h, h)]) for _ in range(blocks)])
        self.final = nn.Linear(h, o)

    def forward(self, x):
        h = self.initial(x)
        for a, b in self.blocks:
            h = h + b(F.relu(a(F.relu(h))))
        return self.final(h)


class Coupling(nn.Module):
    def __init__(self, dim, ctx, hidden, bins):
        super().__init__()
        self.c = dim // 2
        self.dim, self.bins, self.hidden = dim, bins, hidden
        self.net = ResidualNet(self.c + ctx, hidden, (dim - self.c) * (3 * bins - 1))

    def forward(self, z, ctx, inverse=False):
        fixed, moving = z[:, :self.c], z[:, self.c:]
        p = self.net(torch.cat([fixed, ctx], 1)).reshape(z.shape[0], self.dim - self.c, 3 * self.bins - 1)
        k = self.bins
        sc = 1 / math.sqrt(self.hidden)
        out, lad = spline(moving, p[..., :k] * sc, p[..., k:2 * k] * sc, p[..., 2 * k:], inverse)
        return torch.cat([fixed, out], 1), lad.sum(1)


class Flow(nn.Module):
    def __init__(self, dim=2, ctx=2, layers=5, hidden=50, bins=10):
        super().__init__()
        self.layers = nn.ModuleList([Coupling(dim, ctx, hidden, bins) for _ in range(layers)])
        self.dim = dim

    def log_prob(self, theta, x):
        z, total = theta, 0
        for i, layer in enumerate(self.layers):
            if i > 0:
                z = z.flip(1)
            z, lad = layer(z, x)
            total = total + lad
        return -0.5 * (z * z).sum(1) - self.dim * 0.5 * math.log(2 * math.pi) + total

    @torch.no_grad()
    def sample(self, n, x, g):
        z = torch.randn(n, self.dim, generator=g)
        ctx = x.expand(n, -1)
        for i in reversed(range(len(self.layers))):
            z, _ = self.layers[i](z, ctx, inverse=True)
            if i > 0:
                z = z.flip(1)
        return z


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--simulations", type=int, default=10000)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    t0 = time.perf_counter()
    theta = torch.rand(a.simulations, 2, generator=g) * 2 - 1
    x = two_moons(theta, g)
    t_sim = time.perf_counter() - t0
    perm = torch.randperm(a.simulations, generator=g)
    nval = round(0.1 * a.simulations)
    val, tr = perm[:nval], perm[nval:]
    tm, ts = theta[tr].mean(0), theta[tr].std(0)
    xm, xs = x[tr].mean(0), x[tr].std(0)
    thz, xz = (theta - tm) / ts, (x - xm) / xs
    flow = Flow()
    opt = torch.optim.Adam(flow.parameters(), lr=5e-4)
    t1 = time.perf_counter()
    c1 = time.process_time()
    for epoch in range(a.epochs):
        order = tr[torch.randperm(len(tr), generator=g)]
        for s in range(0, len(order), 200):
            b = order[s:s + 200]
            opt.zero_grad()
            loss = -flow.log_prob(thz[b], xz[b]).mean()
            loss.backward()
            nn.utils.clip_grad_norm_(flow.parameters(), 5.0)
            opt.step()
        with torch.no_grad():
            vloss = -flow.log_prob(thz[val], xz[val]).mean().item()
    t_train = time.perf_counter() - t1
    c_train = time.process_time() - c1
    xo = ((two_moons(torch.zeros(1, 2), g) - xm) / xs)
    t2 = time.perf_counter()
    c2 = time.process_time()
    draws = flow.sample(a.samples, xo, g) * ts + tm
    inside = ((draws.abs() <= 1).all(1)).float().mean().item()
    t_sample = time.perf_counter() - t2
    c_sample = time.process_time() - c2
    print(json.dumps({"side": "torch", "threads": a.threads, "simulate_s": t_sim, "train_s": t_train, "train_cpu_s": c_train,
                      "epochs": a.epochs, "sample_s": t_sample, "sample_cpu_s": c_sample, "final_val_loss": vloss, "inside": inside}))


if __name__ == "__main__":
    main()
