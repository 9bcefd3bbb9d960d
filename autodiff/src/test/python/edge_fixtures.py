#!/usr/bin/python3
"""Writes PyTorch fixtures for op edges that the gradient table cannot hold (NaN gradients by design).

Run from anywhere with Debian's python3-torch (1.13):

    /usr/bin/python3 autodiff/src/test/python/edge_fixtures.py

It writes autodiff/src/test/resources/edgefixtures/<case>.txt (read by EdgeCaseTorchTest.java), one tensor a
line, `<name> F64 [d0,...] v0 v1 ...` with F64 values as Python's repr and NaN / infinities as Java spells
them. Cases:
  * atan2_origin: y and x on every pair of {+0, -0, 1, -1} x {+0, -0, 2, -2} and a [2, 1] y against a [3] x
    (broadcast, with a zero on both sides), the output, a seeded weight w and torch's gradients of
    sum(w * atan2(y, x)): torch's rule is (x, -y) / (x^2 + y^2), NaN at the origin.
"""
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'edgefixtures'))
F64 = torch.float64


def java(v):
    if v != v:
        return 'NaN'
    if v in (float('inf'), float('-inf')):
        return 'Infinity' if v > 0 else '-Infinity'
    return repr(v)


def line(name, t):
    t = t.detach().contiguous()
    shape = '[' + ','.join(str(d) for d in t.shape) + ']'
    return '%s F64 %s %s' % (name, shape, ' '.join(java(float(v)) for v in t.reshape(-1).tolist()))


def atan2_case(lines, suffix, y, x, rng):
    y = y.clone().requires_grad_(True)
    x = x.clone().requires_grad_(True)
    out = torch.atan2(y, x)
    w = torch.from_numpy(rng.standard_normal(tuple(out.shape)))
    (w * out).sum().backward()
    for name, t in [('y', y), ('x', x), ('w', w), ('out', out), ('grad_y', y.grad), ('grad_x', x.grad)]:
        lines.append(line(name + suffix, t))


def main():
    torch.set_num_threads(1)
    rng = np.random.default_rng(17)
    ys, xs = [0.0, -0.0, 1.0, -1.0], [0.0, -0.0, 2.0, -2.0]
    y = torch.tensor([a for a in ys for _ in xs], dtype=F64)
    x = torch.tensor([b for _ in ys for b in xs], dtype=F64)
    lines = ['# atan2 at the origin and on the axes, torch %s (edge_fixtures.py)' % torch.__version__]
    atan2_case(lines, '', y, x, rng)
    atan2_case(lines, '_bcast', torch.tensor([[0.0], [-1.5]], dtype=F64), torch.tensor([-0.0, 0.0, 3.0], dtype=F64),
               rng)
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, 'atan2_origin.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote', os.path.join(OUT_DIR, 'atan2_origin.txt'))


if __name__ == '__main__':
    main()
