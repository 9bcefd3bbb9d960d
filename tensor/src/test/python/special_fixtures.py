#!/usr/bin/python3
"""Writes the digamma / trigamma accuracy fixture of the tensor module.

Run from anywhere with Debian's python3-torch (1.13), python3-numpy and python3-mpmath:

    /usr/bin/python3 tensor/src/test/python/special_fixtures.py

It writes tensor/src/test/resources/special/gamma_family.txt (read by SpecialFunctionsTorchTest.java), one
tensor a line:

    <name> F64 [n] v0 v1 ...        F64 values as Python's repr, NaN and infinities as Java spells them

For each group of float64 points (x_pos: (0, 100]; x_neg: negative non-integers in (-100, 0), some within
1e-6 of a pole; x_pole: 0, -0, negative integers, +-inf, NaN) it holds torch.digamma and
torch.polygamma(1, .) (torch's trigamma, the gradient of its digamma) and, for x_pos and x_neg, the exact
values from mpmath at 40 significant digits rounded to float64. torch's polygamma(1, x) stops its series
early and is off by up to ~5e-10 relative, which is why the exact values are kept beside torch's.
"""
import os

import mpmath
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', 'resources', 'special', 'gamma_family.txt'))
F64 = torch.float64
ROOT = 1.4616321449683622  # the positive zero of digamma


def java(v):
    if v != v:
        return 'NaN'
    if v in (float('inf'), float('-inf')):
        return 'Infinity' if v > 0 else '-Infinity'
    return repr(v)


def line(name, values):
    values = [float(v) for v in values]
    return '%s F64 [%d] %s' % (name, len(values), ' '.join(java(v) for v in values))


def points():
    rng = np.random.default_rng(20261207)
    pos = np.concatenate([
        np.logspace(-8, 2, 300),
        rng.uniform(0, 100, 300),
        ROOT + np.linspace(-1e-3, 1e-3, 21),
        np.arange(1, 101, dtype=np.float64),
        np.arange(0.5, 100, 7.0),
    ])
    pos = np.unique(pos[(pos > 0) & (pos <= 100)])
    neg = rng.uniform(-100, 0, 300)
    neg = neg[np.abs(neg - np.rint(neg)) > 1e-3]
    near = np.array([-1 + 1e-6, -1 - 1e-6, -3 + 1e-4, -7.5, -0.5, -1e-7, -50 - 2e-6, -99.999])
    neg = np.concatenate([neg, near])
    pole = np.array([0.0, -0.0, -1.0, -2.0, -10.0, -100.0, float('inf'), float('-inf'), float('nan')])
    return pos, neg, pole


def exact(fn, xs):
    mpmath.mp.dps = 40
    return [float(fn(mpmath.mpf(float(x)))) for x in xs]


def main():
    torch.set_num_threads(1)
    lines = ['# digamma and trigamma: torch %s values and mpmath %s exact values (special_fixtures.py)'
             % (torch.__version__, mpmath.__version__)]
    for name, xs in zip(['pos', 'neg', 'pole'], points()):
        t = torch.from_numpy(xs).to(F64)
        lines.append(line('x_' + name, xs))
        lines.append(line('digamma_torch_' + name, torch.digamma(t).tolist()))
        lines.append(line('trigamma_torch_' + name, torch.polygamma(1, t).tolist()))
        if name != 'pole':
            lines.append(line('digamma_exact_' + name, exact(mpmath.digamma, xs)))
            lines.append(line('trigamma_exact_' + name, exact(lambda v: mpmath.polygamma(1, v), xs)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote', OUT)


if __name__ == '__main__':
    main()
