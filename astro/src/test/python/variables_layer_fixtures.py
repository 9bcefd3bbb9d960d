#!/usr/bin/python3
"""Writes PyTorch fixtures for the two layers of astrograd.astro.variables that are not in layers/:
CausalConv1d (weight_norm(nn.Conv1d) on a causally zero-padded input) and CyclicMaxPool1d (max pooling with
stride 1 on a wrap-around padded input).

Run with Debian's python3-torch (1.13) and numpy:

    /usr/bin/python3 astro/src/test/python/variables_layer_fixtures.py

Format (as layers/src/test/python/conv_fixtures.py): astro/src/test/resources/fixtures/variables/<case>.txt,
one tensor per line `<key> [d0,d1,...] v0 v1 ...`: x, param.<name> (state_dict order), y, gy (seeded upstream
gradient), gx = d<gy, y>/dx, grad.<name>.
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'fixtures', 'variables'))
F64 = torch.float64


def line(key, t):
    t = t.detach().to(F64).contiguous()
    return key + ' [' + ','.join(str(d) for d in t.shape) + '] ' + ' '.join(repr(float(v)) for v in t.reshape(-1).tolist())


def run(name, module, fn, x_shape, rng):
    module = module.to(F64)
    with torch.no_grad():
        for n, p in module.named_parameters():
            lo, hi = (0.5, 1.5) if n.endswith('weight_g') else (-1, 1)
            p.copy_(torch.tensor(rng.uniform(lo, hi, tuple(p.shape)), dtype=F64))
    x = torch.tensor(rng.uniform(-2, 2, x_shape), dtype=F64, requires_grad=True)
    y = fn(module, x)
    gy = torch.tensor(rng.standard_normal(tuple(y.shape)), dtype=F64)
    params = list(module.named_parameters())
    grads = torch.autograd.grad((y * gy).sum(), [x] + [p for _, p in params])
    lines = ['# ' + name, line('x', x)] + [line('param.' + n, p) for n, p in params]
    lines += [line('y', y), line('gy', gy), line('gx', grads[0])]
    lines += [line('grad.' + n, g) for (n, _), g in zip(params, grads[1:])]
    with open(os.path.join(OUT_DIR, name + '.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def wrap(x, before, after):
    n = x.shape[2]
    return x.index_select(2, torch.tensor([(i - before) % n for i in range(n + before + after)]))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.manual_seed(0)
    conv = nn.utils.weight_norm(nn.Conv1d(2, 3, 3, dilation=2))
    run('causal_conv1d_k3_d2', conv, lambda m, x: m(F.pad(x, (4, 0))), (2, 2, 7), np.random.default_rng(1))
    for i, k in enumerate((3, 4)):
        before = (k - 1) // 2
        pool = nn.Identity()
        run('cyclic_max_pool1d_k%d' % k, pool,
            lambda m, x, k=k, b=before: F.max_pool1d(wrap(x, b, k - 1 - b), k, stride=1), (2, 3, 6),
            np.random.default_rng(2 + i))
    print('wrote', len(os.listdir(OUT_DIR)), 'fixtures to', OUT_DIR)


if __name__ == '__main__':
    main()
