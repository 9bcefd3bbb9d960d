#!/usr/bin/python3
"""PyTorch reference for astrograd's rational-quadratic spline (RationalQuadraticSplineTest).

nflows is not installed, so the spline of Durkan et al. (2019) is written here from nflows'
`unconstrained_rational_quadratic_spline` / `rational_quadratic_spline` (linear tails, min bin width/height
and derivative 1e-3, boundary derivatives 1), in torch float64, independently of the Java code.
Writes inference/src/test/resources/astrograd/inference/flows/rq_spline.txt: one line per array,
`name v1 v2 ...` (flattened row-major): inputs [4, 3] (some outside the tails), widths/heights [4, 3, K],
derivatives [4, 3, K-1], then for the forward and the inverse map the outputs, log|det| and the gradients
of L = sum(u * outputs) + sum(v * logdet) with respect to inputs, widths, heights and derivatives.

Run with: /usr/bin/python3 inference/src/test/python/spline_fixtures.py
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "astrograd", "inference", "flows",
                   "rq_spline.txt")
MIN_W = MIN_H = MIN_D = 1e-3
B = 3.0
K = 5


def searchsorted(locations, inputs, eps=1e-6):
    locations = locations.clone()
    locations[..., -1] += eps
    return torch.sum(inputs[..., None] >= locations, dim=-1) - 1


def rq_spline(inputs, uw, uh, ud, inverse, left, right, bottom, top):
    num_bins = uw.shape[-1]
    widths = F.softmax(uw, dim=-1)
    widths = MIN_W + (1 - MIN_W * num_bins) * widths
    cumwidths = torch.cumsum(widths, dim=-1)
    cumwidths = F.pad(cumwidths, pad=(1, 0), mode="constant", value=0.0)
    cumwidths = (right - left) * cumwidths + left
    cumwidths[..., 0] = left
    cumwidths[..., -1] = right
    widths = cumwidths[..., 1:] - cumwidths[..., :-1]
    derivatives = MIN_D + F.softplus(ud)
    heights = F.softmax(uh, dim=-1)
    heights = MIN_H + (1 - MIN_H * num_bins) * heights
    cumheights = torch.cumsum(heights, dim=-1)
    cumheights = F.pad(cumheights, pad=(1, 0), mode="constant", value=0.0)
    cumheights = (top - bottom) * cumheights + bottom
    cumheights[..., 0] = bottom
    cumheights[..., -1] = top
    heights = cumheights[..., 1:] - cumheights[..., :-1]
    idx = searchsorted(cumheights if inverse else cumwidths, inputs)[..., None]
    in_cw = cumwidths.gather(-1, idx)[..., 0]
    in_w = widths.gather(-1, idx)[..., 0]
    in_ch = cumheights.gather(-1, idx)[..., 0]
    delta = heights / widths
    in_delta = delta.gather(-1, idx)[..., 0]
    in_d = derivatives.gather(-1, idx)[..., 0]
    in_d1 = derivatives[..., 1:].gather(-1, idx)[..., 0]
    in_h = heights.gather(-1, idx)[..., 0]
    if inverse:
        a = (inputs - in_ch) * (in_d + in_d1 - 2 * in_delta) + in_h * (in_delta - in_d)
        b = in_h * in_d - (inputs - in_ch) * (in_d + in_d1 - 2 * in_delta)
        c = -in_delta * (inputs - in_ch)
        disc = b.pow(2) - 4 * a * c
        root = (2 * c) / (-b - torch.sqrt(disc))
        outputs = root * in_w + in_cw
        tomt = root * (1 - root)
        denom = in_delta + (in_d + in_d1 - 2 * in_delta) * tomt
        dnum = in_delta.pow(2) * (in_d1 * root.pow(2) + 2 * in_delta * tomt + in_d * (1 - root).pow(2))
        return outputs, -(torch.log(dnum) - 2 * torch.log(denom))
    theta = (inputs - in_cw) / in_w
    tomt = theta * (1 - theta)
    num = in_h * (in_delta * theta.pow(2) + in_d * tomt)
    denom = in_delta + (in_d + in_d1 - 2 * in_delta) * tomt
    outputs = in_ch + num / denom
    dnum = in_delta.pow(2) * (in_d1 * theta.pow(2) + 2 * in_delta * tomt + in_d * (1 - theta).pow(2))
    return outputs, torch.log(dnum) - 2 * torch.log(denom)


def unconstrained(inputs, uw, uh, ud, inverse):
    inside = (inputs >= -B) & (inputs <= B)
    ud = F.pad(ud, pad=(1, 1))
    constant = np.log(np.exp(1 - MIN_D) - 1)
    ud = torch.cat([torch.full_like(ud[..., :1], constant), ud[..., 1:-1], torch.full_like(ud[..., :1], constant)], -1)
    outputs = inputs.clone()
    logdet = torch.zeros_like(inputs)
    o, l = rq_spline(inputs[inside], uw[inside], uh[inside], ud[inside], inverse, -B, B, -B, B)
    outputs = outputs.masked_scatter(inside, o)
    logdet = logdet.masked_scatter(inside, l)
    return outputs, logdet


def main():
    g = torch.Generator().manual_seed(19)
    inputs = (torch.rand(4, 3, generator=g, dtype=torch.float64) * 7 - 3.5)
    inputs[0, 0] = 4.0   # right tail
    inputs[1, 2] = -3.2  # left tail
    uw = torch.randn(4, 3, K, generator=g, dtype=torch.float64)
    uh = torch.randn(4, 3, K, generator=g, dtype=torch.float64)
    ud = torch.randn(4, 3, K - 1, generator=g, dtype=torch.float64)
    u = torch.randn(4, 3, generator=g, dtype=torch.float64)
    v = torch.randn(4, 3, generator=g, dtype=torch.float64)
    rows = {"inputs": inputs, "widths": uw, "heights": uh, "derivatives": ud, "u": u, "v": v}
    for name, inverse in (("forward", False), ("inverse", True)):
        leaves = [t.clone().requires_grad_(True) for t in (inputs, uw, uh, ud)]
        out, ld = unconstrained(*leaves, inverse)
        (u * out + v * ld).sum().backward()
        rows[name + "_outputs"] = out.detach()
        rows[name + "_logdet"] = ld.detach()
        for leaf, lname in zip(leaves, ("inputs", "widths", "heights", "derivatives")):
            rows[name + "_grad_" + lname] = leaf.grad
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        for k, t in rows.items():
            f.write(k + " " + " ".join(repr(float(x)) for x in t.flatten().tolist()) + "\n")


if __name__ == "__main__":
    main()
