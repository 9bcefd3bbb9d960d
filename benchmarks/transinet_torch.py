#!/usr/bin/env python3
"""TransiNet inference in PyTorch, the same network as astrograd.astro.images.TransiNet (issue 21).

    /usr/bin/python3 benchmarks/transinet_torch.py [--width-factor 0.0625] [--size 256] [--repeats 20] [--threads 1]

Builds the FlowNetS-style encoder-decoder with the paper's widths times the factor (each at least 2, as
TransiNetConfig.cpu()), runs warm-up passes, then times `repeats` forward passes on a 1x2xSxS input under
torch.no_grad() and prints one JSON line: {"ms_per_pair": ..., "parameters": ...}.
"""
import argparse
import json
import time

import torch
from torch import nn

ENCODER = [128, 256, 512, 512, 1024, 1024, 1024, 1024, 2048, 2048]
DECODER = [1024, 512, 256, 128, 64, 32]
KERNELS = [7, 5, 5, 3, 3, 3, 3, 3, 3, 3]
STRIDES = [2, 2, 2, 1, 2, 1, 2, 1, 2, 1]
SKIP = [7, 5, 3, 1, 0]


class TransiNet(nn.Module):
    def __init__(self, factor, min_channels):
        super().__init__()
        w = lambda c: max(min_channels, int(round(c * factor)))
        self.encoder = nn.ModuleList()
        c_in = 2
        for i, k in enumerate(KERNELS):
            self.encoder.append(nn.Conv2d(c_in, w(ENCODER[i]), k, STRIDES[i], (k - 1) // 2))
            c_in = w(ENCODER[i])
        self.predict, self.up, self.deconv = nn.ModuleList(), nn.ModuleList(), nn.ModuleList()
        concat = c_in
        for d in range(6):
            self.predict.append(nn.Conv2d(concat, 1, 3, 1, 1))
            self.up.append(nn.ConvTranspose2d(1, 1, 4, 2, 1))
            self.deconv.append(nn.ConvTranspose2d(concat, w(DECODER[d]), 4, 2, 1))
            skip = 2 if d == 5 else w(ENCODER[SKIP[d]])
            concat = skip + w(DECODER[d]) + 1
        self.predict.append(nn.Conv2d(concat, 1, 3, 1, 1))
        self.act = nn.LeakyReLU(0.1)

    def forward(self, x):
        feats, h = [], x
        for conv in self.encoder:
            h = self.act(conv(h))
            feats.append(h)
        preds, concat = [], h
        for d in range(6):
            p = self.predict[d](concat)
            preds.append(p)
            dec = self.act(self.deconv[d](concat))
            skip = x if d == 5 else feats[SKIP[d]]
            concat = torch.cat([skip, dec, self.up[d](p)], 1)
        preds.append(self.predict[6](concat))
        return preds[::-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--width-factor", type=float, default=1 / 16)
    ap.add_argument("--min-channels", type=int, default=2)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = TransiNet(a.width_factor, a.min_channels).eval()
    x = torch.randn(1, 2, a.size, a.size)
    with torch.no_grad():
        for _ in range(3):
            net(x)
        times = []
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            out = net(x)
            times.append(time.perf_counter() - t0)
    assert out[0].shape == (1, 1, a.size, a.size)
    times.sort()
    print(json.dumps({"ms_per_pair": 1000 * times[len(times) // 2], "ms_min": 1000 * times[0],
                      "parameters": sum(p.numel() for p in net.parameters()), "threads": a.threads}))


if __name__ == "__main__":
    main()
