#!/usr/bin/python3
"""Writes PyTorch gradient fixtures for every row of the Java GradOpTable.

Run from anywhere with Debian's python3-torch (1.13) and numpy:

    /usr/bin/python3 autodiff/src/test/python/make_grad_fixtures.py

For each row id of astrograd.autodiff.gradtable.GradOpTable it writes
autodiff/src/test/resources/gradfixtures/<id>.txt: seeded float64 inputs drawn from the row's domains (the
same names and ranges as Domain.java), the auxiliary inputs (indices, masks), the output, a seeded
standard-normal weight w of the output's shape, and the gradient of sum(w * output) with respect to every
differentiable input (an input torch gives no gradient is an error, never written as zeros). The format (read by GradFixtures.java):

    # comment
    in     F64  [d0,d1,...] v0 v1 ...     one line per differentiable input, row-major
    aux    I64|BOOL [...] ...             one line per auxiliary input
    weight F64  [...] ...
    out    F64  [...] ...
    grad   F64  [...] ...                 one line per differentiable input
F64 values are Python's repr (exact round trip), BOOL 0/1.

Conventions where PyTorch differs from astrograd, and how the expectation is built here:
  * pad: our pads are (before, after) pairs from the last axis, as torch's F.pad; our circular and reflect
    pads may exceed the axis (continued periodically) where torch refuses, so non-constant modes are
    built by index arithmetic, x.index_select(axis, idx), and torch autograd differentiates the indexing
    (checked against F.pad where torch accepts the pads).
  * indexSelect: negative indices count from the end in ours; torch refuses them, so they are normalized
    here (the fixture keeps the raw negative indices for the Java side).
  * max/min reductions are torch's amax/amin (gradient shared equally among ties); maximum/minimum
    split the gradient in halves at ties, in torch as in ours.
  * Only the read triangle of a triangular or Cholesky-factor input is differentiated: torch's
    cholesky_solve reads only the lower triangle but returns a full gradient, so inputs go through
    torch.tril/triu first. cholesky is differentiated as cholesky((A + A^T) / 2) on both sides.
  * Asymmetric convolution padding is an explicit F.pad before the op; fold with asymmetric padding folds
    onto the padded canvas and crops.
  * Java's x.div(s) is x * (1/s).
  * digamma: torch.polygamma(1, x), the gradient torch's autograd gives digamma, is accurate to only ~5e-10
    relative (its asymptotic series stops early; see tensor/src/test/python/special_fixtures.py), beyond this
    file's 1e-10 tolerance. The digamma rows keep torch's forward and build the gradient from mpmath's
    trigamma at 40 digits (needs python3-mpmath).
"""
import os
import zlib

import mpmath
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'gradfixtures'))
F64 = torch.float64

ROWS = {}


def row(rid, specs, fn, aux=None):
    """specs: list of (domain, shape); fn(xs, aux) -> tensor; aux(rng, shapes) -> list of tensors."""
    assert rid not in ROWS, rid
    ROWS[rid] = (specs, fn, aux or (lambda rng, shapes: []))


# ------------------------------------------------------------------ domains (as Domain.java)

def sample(domain, shape, rng):
    n = int(np.prod(shape)) if len(shape) else 1

    def sign():
        return rng.choice([-1.0, 1.0], n)
    if domain == 'ANY':
        v = rng.uniform(-3, 3, n)
    elif domain == 'WIDE':
        v = rng.uniform(-6, 6, n)
    elif domain == 'POSITIVE':
        v = rng.uniform(0.2, 3, n)
    elif domain == 'NONZERO':
        v = sign() * rng.uniform(0.5, 2, n)
    elif domain == 'ABOVE_MINUS_ONE':
        v = rng.uniform(-0.8, 3, n)
    elif domain == 'LGAMMA':
        v = rng.uniform(0.3, 6, n)
    elif domain == 'NEAR_ONE':
        v = sign() * rng.uniform(0.6, 1.4, n)
    elif domain == 'AWAY_FROM_ZERO':
        v = sign() * rng.uniform(0.1, 3, n)
    elif domain == 'GRID_EVEN':
        v = 0.2 * rng.integers(-12, 13, n)
    elif domain == 'GRID_ODD':
        v = 0.1 * (2 * rng.integers(-12, 13, n) + 1)
    elif domain == 'DISTINCT':
        v = 0.15 * (rng.permutation(n) - n / 2.0) + rng.uniform(0, 0.05, n)
    elif domain == 'DISCRETE':
        v = 0.5 * rng.integers(-2, 3, n)
    elif domain == 'ZERO_OR_ABOVE_ONE':
        v = np.where(rng.integers(0, 2, n) == 1, 0.0, rng.uniform(1, 2, n))
    elif domain == 'PLATEAUS':
        v = rng.uniform(-3, 3, n).reshape(-1, shape[-1])
        v[0::2] = rng.integers(-24, 25, (v[0::2].shape[0], 1)) / 8.0
    elif domain == 'SPD':
        return spd(shape, rng)
    elif domain in ('LOWER', 'UPPER', 'CHOLESKY_FACTOR'):
        return triangular(domain, shape, rng)
    else:
        raise ValueError(domain)
    return torch.from_numpy(np.asarray(v, dtype=np.float64).reshape(shape))


def spd(shape, rng):
    m = shape[-1]
    x = torch.from_numpy(rng.uniform(-1, 1, shape))
    return x @ x.mT / m + torch.eye(m, dtype=F64)


def triangular(domain, shape, rng):
    m = shape[-1]
    v = rng.uniform(-1, 1, shape)
    d = rng.uniform(1, 2, shape[:-1])
    if domain != 'CHOLESKY_FACTOR':
        d = d * rng.choice([-1.0, 1.0], shape[:-1])
    v[..., np.arange(m), np.arange(m)] = d
    v = np.triu(v) if domain == 'UPPER' else np.tril(v)
    return torch.from_numpy(np.ascontiguousarray(v))


def bools(rng, *shape):
    return torch.from_numpy(rng.integers(0, 2, shape).astype(bool))


def indices(rng, lo, hi, *shape):
    return torch.from_numpy(rng.integers(lo, hi, shape).astype(np.int64))


def strided(x):
    """Java's x.transpose(0, 1).slice(0, 0, x.size(1), 2)."""
    return x.t()[::2]


# ------------------------------------------------------------------ elementwise

def unary(rid, domain, fn):
    row(rid, [(domain, (3, 4))], lambda xs, a: fn(xs[0]))
    row(rid + '_strided', [(domain, (4, 5))], lambda xs, a: fn(strided(xs[0])))


def binary(rid, da, db, fn):
    row(rid, [(da, (3, 4)), (db, (3, 4))], lambda xs, a: fn(xs[0], xs[1]))
    row(rid + '_bcast', [(da, (2, 1, 4)), (db, (3, 1))], lambda xs, a: fn(xs[0], xs[1]))
    row(rid + '_strided', [(da, (4, 3)), (db, (4,))], lambda xs, a: fn(xs[0].t(), xs[1]))


def scalar(v):
    return torch.tensor(v, dtype=F64)


class ExactDigamma(torch.autograd.Function):
    """torch.digamma forward; the backward multiplies by mpmath's trigamma (see the module docstring)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.digamma(x)

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        mpmath.mp.dps = 40
        tri = [float(mpmath.polygamma(1, mpmath.mpf(v))) for v in x.reshape(-1).tolist()]
        return g * torch.tensor(tri, dtype=F64).reshape(x.shape)


def elementwise_rows():
    unary('neg', 'ANY', torch.neg)
    unary('abs', 'AWAY_FROM_ZERO', torch.abs)
    unary('sign', 'AWAY_FROM_ZERO', torch.sign)
    unary('exp', 'ANY', torch.exp)
    unary('log', 'POSITIVE', torch.log)
    unary('log1p', 'ABOVE_MINUS_ONE', torch.log1p)
    unary('expm1', 'ANY', torch.expm1)
    unary('sqrt', 'POSITIVE', torch.sqrt)
    unary('rsqrt', 'POSITIVE', torch.rsqrt)
    unary('square', 'ANY', torch.square)
    unary('sin', 'ANY', torch.sin)
    unary('cos', 'ANY', torch.cos)
    unary('tanh', 'WIDE', torch.tanh)
    unary('sigmoid', 'WIDE', torch.sigmoid)
    unary('relu', 'AWAY_FROM_ZERO', torch.relu)
    unary('softplus', 'WIDE', F.softplus)
    unary('erf', 'ANY', torch.erf)
    unary('lgamma', 'LGAMMA', torch.lgamma)
    unary('digamma', 'LGAMMA', ExactDigamma.apply)
    row('digamma_negative', [('LGAMMA', (3, 4))], lambda xs, a: ExactDigamma.apply(xs[0] * -0.125 - 1))
    unary('clamp', 'GRID_EVEN', lambda x: torch.clamp(x, -1.05, 0.95))
    unary('add_scalar', 'ANY', lambda x: x + 1.5)
    unary('sub_scalar', 'ANY', lambda x: x - 0.7)
    unary('mul_scalar', 'ANY', lambda x: x * -2.5)
    unary('div_scalar', 'ANY', lambda x: x * (1 / 0.4))
    unary('pow_scalar', 'POSITIVE', lambda x: x ** 2.5)
    unary('pow_scalar_negative', 'POSITIVE', lambda x: x ** -1.5)
    unary('pow_scalar_int', 'ANY', lambda x: x ** 3.0)
    row('pow_scalar_zero', [('DISCRETE', (3, 4))], lambda xs, a: xs[0] ** 0.0)
    unary('maximum_scalar', 'GRID_EVEN', lambda x: torch.maximum(x, scalar(0.1)))
    unary('minimum_scalar', 'GRID_EVEN', lambda x: torch.minimum(x, scalar(-0.3)))
    unary('to_f64', 'ANY', lambda x: x.to(F64))

    binary('add', 'ANY', 'ANY', torch.add)
    binary('sub', 'ANY', 'ANY', torch.sub)
    binary('mul', 'ANY', 'ANY', torch.mul)
    binary('div', 'ANY', 'NONZERO', torch.div)
    binary('pow', 'POSITIVE', 'ANY', torch.pow)
    binary('maximum', 'GRID_EVEN', 'GRID_ODD', torch.maximum)
    binary('minimum', 'GRID_EVEN', 'GRID_ODD', torch.minimum)
    binary('atan2', 'NONZERO', 'ANY', torch.atan2)
    row('mul_zero_dim', [('ANY', (3, 4)), ('ANY', ())], lambda xs, a: xs[0] * xs[1])
    row('div_zero_dim_numerator', [('ANY', ()), ('NONZERO', (3, 4))], lambda xs, a: xs[0] / xs[1])
    row('mul_self', [('ANY', (3, 4))], lambda xs, a: xs[0] * xs[0])
    row('self_reuse_chain', [('ANY', (3, 4))], lambda xs, a: xs[0] * (xs[0] + torch.sin(xs[0])) + xs[0])

    row('where', [('ANY', (3, 4)), ('ANY', (4,))], lambda xs, a: torch.where(a[0], xs[0], xs[1]),
        lambda rng, s: [bools(rng, *s[0])])
    row('where_bcast', [('ANY', (1, 4)), ('ANY', (4, 3))],
        lambda xs, a: torch.where(a[0], xs[0], strided(xs[1])), lambda rng, s: [bools(rng, (s[1][1] + 1) // 2, 1)])
    row('masked_fill', [('ANY', (3, 4))], lambda xs, a: xs[0].masked_fill(a[0], 2.5),
        lambda rng, s: [bools(rng, s[0][1])])
    row('masked_fill_strided', [('ANY', (4, 5))], lambda xs, a: strided(xs[0]).masked_fill(a[0], -1.0),
        lambda rng, s: [bools(rng, (s[0][1] + 1) // 2, s[0][0])])

    row('relu_kink', [('DISCRETE', (3, 4))], lambda xs, a: torch.relu(xs[0]))
    row('abs_kink', [('DISCRETE', (3, 4))], lambda xs, a: torch.abs(xs[0]))
    row('clamp_kink', [('DISCRETE', (3, 4))], lambda xs, a: torch.clamp(xs[0], -0.5, 0.5))
    row('maximum_ties', [('DISCRETE', (3, 4)), ('DISCRETE', (4,))], lambda xs, a: torch.maximum(xs[0], xs[1]))
    row('minimum_ties', [('DISCRETE', (3, 4)), ('DISCRETE', (4,))], lambda xs, a: torch.minimum(xs[0], xs[1]))
    row('pow_zero_base', [('ZERO_OR_ABOVE_ONE', (3, 4)), ('ZERO_OR_ABOVE_ONE', (4,))],
        lambda xs, a: torch.pow(xs[0], xs[1]))
    row('detach', [('ANY', (3, 4))], lambda xs, a: xs[0] * xs[0].detach())
    row('cast_roundtrip', [('ANY', (3, 4))], lambda xs, a: xs[0].to(torch.float32).to(F64))


# ------------------------------------------------------------------ reductions

def over(x, axes, fn_dims, fn_all):
    return fn_all(x) if len(axes) == 0 else fn_dims(x, axes)


def prod_dims(x, axes, keep):
    if len(axes) == 0:
        return x.prod()
    for d in sorted([a % x.dim() for a in axes], reverse=True):
        x = x.prod(d, keepdim=keep)
    return x


REDUCTIONS = {
    'sum': ('ANY', lambda x, ax, k: x.sum() if not ax else x.sum(ax, keepdim=k)),
    'mean': ('ANY', lambda x, ax, k: x.mean() if not ax else x.mean(ax, keepdim=k)),
    'var_unbiased': ('ANY', lambda x, ax, k: x.var(unbiased=True) if not ax else x.var(ax, unbiased=True, keepdim=k)),
    'var_biased': ('ANY', lambda x, ax, k: x.var(unbiased=False) if not ax else x.var(ax, unbiased=False, keepdim=k)),
    'std_unbiased': ('ANY', lambda x, ax, k: x.std(unbiased=True) if not ax else x.std(ax, unbiased=True, keepdim=k)),
    'std_biased': ('ANY', lambda x, ax, k: x.std(unbiased=False) if not ax else x.std(ax, unbiased=False, keepdim=k)),
    'max': ('DISTINCT', lambda x, ax, k: x.reshape(-1).amax(0) if not ax else x.amax(ax, keepdim=k)),
    'min': ('DISTINCT', lambda x, ax, k: x.reshape(-1).amin(0) if not ax else x.amin(ax, keepdim=k)),
    'prod': ('NEAR_ONE', prod_dims),
    'logsumexp': ('ANY', lambda x, ax, k: torch.logsumexp(x.reshape(-1), 0) if not ax else torch.logsumexp(x, ax, keepdim=k)),
}


def reduction_rows():
    row('sum_plain', [('ANY', (3, 4, 5))], lambda xs, a: xs[0].sum())
    row('sum_axes', [('ANY', (3, 4, 5))], lambda xs, a: xs[0].sum((2, 0)))
    row('mean_plain', [('ANY', (3, 4, 5))], lambda xs, a: xs[0].mean())
    for name, (domain, f) in REDUCTIONS.items():
        big = [(domain, (3, 4, 5))]
        row(name + '_ax1', big, lambda xs, a, f=f: f(xs[0], (1,), False))
        row(name + '_ax02_keep', big, lambda xs, a, f=f: f(xs[0], (0, 2), True))
        row(name + '_axm1_keep', big, lambda xs, a, f=f: f(xs[0], (-1,), True))
        row(name + '_all', big, lambda xs, a, f=f: f(xs[0], (), False))
        row(name + '_strided', [(domain, (4, 5))], lambda xs, a, f=f: f(strided(xs[0]), (0,), False))
    for axis, suffix in [(0, '0'), (1, '1'), (-1, 'm1')]:
        row('cumsum_ax' + suffix, [('ANY', (3, 4, 5))], lambda xs, a, d=axis: torch.cumsum(xs[0], d))
        row('softmax_ax' + suffix, [('ANY', (3, 4, 5))], lambda xs, a, d=axis: torch.softmax(xs[0], d))
        row('log_softmax_ax' + suffix, [('ANY', (3, 4, 5))], lambda xs, a, d=axis: torch.log_softmax(xs[0], d))
    row('cumsum_strided', [('ANY', (4, 5))], lambda xs, a: torch.cumsum(strided(xs[0]), 0))
    row('softmax_strided', [('ANY', (4, 5))], lambda xs, a: torch.softmax(strided(xs[0]), 1))
    row('log_softmax_strided', [('ANY', (4, 5))], lambda xs, a: torch.log_softmax(strided(xs[0]), 0))
    row('std_plateaus_rows', [('PLATEAUS', (4, 5))], lambda xs, a: xs[0].std(-1, unbiased=True))
    row('std_plateaus_biased_keep', [('PLATEAUS', (4, 3))], lambda xs, a: xs[0].std(1, unbiased=False, keepdim=True))
    row('std_plateaus_all', [('PLATEAUS', (1, 7))], lambda xs, a: xs[0].std(unbiased=True))
    row('max_ties', [('DISCRETE', (3, 6))], lambda xs, a: xs[0].amax(1))
    row('min_ties_all', [('DISCRETE', (3, 6))], lambda xs, a: xs[0].amin((0, 1)))


# ------------------------------------------------------------------ movement

def pad_source(mode, p, n):
    if mode == 'circular':
        return p % n
    if mode == 'replicate':
        return max(0, min(n - 1, p))
    period = 2 * (n - 1)
    q = p % period
    return q if q < n else period - q


def pad_axis(x, axis, before, after, mode, value):
    axis = axis % x.dim()
    n = x.shape[axis]
    if mode == 'constant':
        def block(k):
            shape = list(x.shape)
            shape[axis] = k
            return torch.full(shape, value, dtype=x.dtype)
        return torch.cat([block(before), x, block(after)], axis)
    idx = torch.tensor([pad_source(mode, i - before, n) for i in range(n + before + after)])
    return x.index_select(axis, idx)


def pad_pairs(x, pads, mode, value):
    for p in range(len(pads) // 2):
        x = pad_axis(x, x.dim() - 1 - p, pads[2 * p], pads[2 * p + 1], mode, value)
    return x


def check_pads_against_torch():
    x = torch.arange(24, dtype=F64).reshape(1, 2, 3, 4)
    for mode in ['constant', 'circular', 'reflect', 'replicate']:
        pads = [1, 2, 2, 0]
        assert torch.equal(pad_pairs(x, pads, mode, 0.5), F.pad(x, pads, mode=mode, value=0.5)
                           if mode == 'constant' else F.pad(x, pads, mode=mode)), mode
    y = np.arange(3.0)
    for mode, np_mode in [('circular', 'wrap'), ('reflect', 'reflect'), ('replicate', 'edge')]:
        got = pad_pairs(torch.from_numpy(y), [7, 5], mode, 0).numpy()
        assert np.array_equal(got, np.pad(y, (7, 5), mode=np_mode)), mode


def rejoin(pieces, axis):
    return torch.cat([pieces[k] * (k + 1) for k in reversed(range(len(pieces)))], axis)


def movement_rows():
    x345 = [('ANY', (3, 4, 5))]
    row('reshape', x345, lambda xs, a: xs[0].reshape(4, -1))
    row('reshape_strided', [('ANY', (4, 6))], lambda xs, a: strided(xs[0]).reshape(2, -1) * xs[0].sum())
    row('permute', x345, lambda xs, a: xs[0].permute(2, 0, 1) * xs[0][0].sum())
    row('transpose', x345, lambda xs, a: xs[0].transpose(0, 2).cumsum(0))
    row('slice_step2', [('ANY', (3, 7, 5))], lambda xs, a: xs[0][:, 1:7:2])
    row('slice_step3_negative_start', [('ANY', (3, 4, 8))], lambda xs, a: torch.square(xs[0][..., -7::3]))
    row('narrow', x345, lambda xs, a: torch.exp(xs[0].narrow(2, 1, 3)))
    row('select', x345, lambda xs, a: xs[0].select(1, 2))
    row('select_negative', x345, lambda xs, a: torch.square(xs[0].select(0, -1)))
    row('expand', [('ANY', (3, 1, 5))], lambda xs, a: torch.square(xs[0].expand(2, 3, 4, 5)))
    row('broadcast_to', [('ANY', (4, 1))], lambda xs, a: torch.sin(xs[0].broadcast_to(3, 4, 5)))
    row('squeeze', [('ANY', (3, 1, 5))], lambda xs, a: torch.square(xs[0].squeeze(1)))
    row('unsqueeze', [('ANY', (3, 5))], lambda xs, a: torch.square(xs[0].unsqueeze(0).unsqueeze(-1)))
    row('flatten', x345, lambda xs, a: xs[0].transpose(0, 1).flatten().cumsum(0))
    row('flatten_range', x345, lambda xs, a: xs[0].flatten(1, 2).cumsum(1))
    row('flip', x345, lambda xs, a: xs[0].flip(0, 2).cumsum(2))
    row('contiguous', [('ANY', (4, 5))], lambda xs, a: strided(xs[0]).contiguous().cumsum(1))
    row('roll', x345, lambda xs, a: torch.roll(xs[0], 2, 1).cumsum(1))
    row('roll_negative_long', x345, lambda xs, a: torch.roll(xs[0], -7, 2).cumsum(2))
    row('roll_strided', [('ANY', (4, 5))], lambda xs, a: torch.roll(strided(xs[0]), 1, 0).cumsum(0))

    pads = [
        ('pad_constant', [1, 2], 'constant', 0.5, (3, 4)),
        ('pad_constant_asym2d', [0, 3, 2, 0], 'constant', -1.0, (2, 3, 4)),
        ('pad_circular', [1, 2], 'circular', 0, (3, 4)),
        ('pad_circular_long', [5, 7], 'circular', 0, (2, 3)),
        ('pad_circular_long2d', [4, 1, 0, 6], 'circular', 0, (2, 2, 3)),
        ('pad_reflect', [1, 2], 'reflect', 0, (3, 4)),
        ('pad_reflect_long', [6, 5], 'reflect', 0, (2, 3)),
        ('pad_reflect_asym2d', [0, 2, 3, 1], 'reflect', 0, (2, 3, 4)),
        ('pad_replicate', [2, 3, 1, 0], 'replicate', 0, (2, 3, 4)),
    ]
    for rid, p, mode, value, shape in pads:
        row(rid, [('ANY', shape)], lambda xs, a, p=p, mode=mode, value=value: pad_pairs(xs[0], p, mode, value).cumsum(-1))
    row('pad_replicate_strided', [('ANY', (4, 5))],
        lambda xs, a: pad_pairs(strided(xs[0]), [3, 1], 'replicate', 0).cumsum(-1))
    row('pad_axis_reflect', [('ANY', (3, 2, 2))], lambda xs, a: pad_axis(xs[0], 0, 3, 1, 'reflect', 0).cumsum(0))
    row('pad_axis_constant', [('ANY', (3, 2, 2))], lambda xs, a: pad_axis(xs[0], 1, 0, 2, 'constant', 1.5).cumsum(1))

    row('cat', [('ANY', (3, 2, 5)), ('ANY', (3, 4, 5)), ('ANY', (3, 1, 5))],
        lambda xs, a: torch.cat(xs, 1).cumsum(1))
    row('cat_strided_reused', [('ANY', (4, 5)), ('ANY', (4, 2))],
        lambda xs, a: torch.cat([strided(xs[0]).t(), xs[1], torch.square(xs[1])], -1).cumsum(-1))
    row('stack', [('ANY', (3, 4)), ('ANY', (3, 4))], lambda xs, a: torch.stack(xs, 0).cumsum(0))
    row('stack_last', [('ANY', (3, 4)), ('ANY', (4, 3)), ('ANY', (3, 4))],
        lambda xs, a: torch.stack([xs[0], xs[1].t(), xs[2]], -1).cumsum(-1))
    row('split', [('ANY', (3, 7, 2))], lambda xs, a: rejoin(torch.split(xs[0], 3, 1), 1))
    row('split_sizes', [('ANY', (3, 7, 2))], lambda xs, a: rejoin(torch.split(xs[0], [2, 0, 4, 1], 1), 1))
    row('split_sizes_unused', [('ANY', (3, 7, 2))], lambda xs, a: torch.square(torch.split(xs[0], [3, 4], 1)[1]))
    row('split_sizes_strided', [('ANY', (4, 5))],
        lambda xs, a: rejoin(torch.split(strided(xs[0]), [1, xs[0].shape[0] - 1], -1), -1))
    row('chunk', [('ANY', (3, 7, 2))], lambda xs, a: rejoin(torch.chunk(xs[0], 3, 1), 1))
    row('chunk_axis0', [('ANY', (5, 3))], lambda xs, a: rejoin(torch.chunk(xs[0], 2, 0), 0))


# ------------------------------------------------------------------ indexing

def indexing_rows():
    row('gather_ax1_repeats', [('ANY', (3, 5))], lambda xs, a: torch.gather(xs[0], 1, a[0]),
        lambda rng, s: [indices(rng, 0, s[0][1], s[0][0], s[0][1] + 2)])
    row('gather_ax0_smaller', [('ANY', (4, 5))], lambda xs, a: torch.gather(xs[0], 0, a[0]),
        lambda rng, s: [indices(rng, 0, s[0][0], s[0][0] + 2, s[0][1] - 2)])
    row('gather_strided', [('ANY', (4, 5))], lambda xs, a: torch.gather(strided(xs[0]), 1, a[0]),
        lambda rng, s: [indices(rng, 0, s[0][0], (s[0][1] + 1) // 2, 3)])
    row('take_along_axis', [('ANY', (3, 5))], lambda xs, a: torch.take_along_dim(xs[0], a[0], -1),
        lambda rng, s: [indices(rng, 0, s[0][1], s[0][0], 2)])
    row('scatter_add_ax1', [('ANY', (3, 5)), ('ANY', (3, 4))], lambda xs, a: xs[0].scatter_add(1, a[0], xs[1]),
        lambda rng, s: [indices(rng, 0, s[0][1], *s[1])])
    row('scatter_add_ax0', [('ANY', (4, 3)), ('ANY', (6, 2))],
        lambda xs, a: torch.square(xs[0].scatter_add(0, a[0], xs[1])), lambda rng, s: [indices(rng, 0, s[0][0], *s[1])])
    row('scatter_add_strided', [('ANY', (4, 5)), ('ANY', (4, 3))],
        lambda xs, a: strided(xs[0]).scatter_add(1, a[0], xs[1].t()),
        lambda rng, s: [indices(rng, 0, s[0][0], s[1][1], s[1][0])])
    row('index_select_ax0', [('ANY', (4, 3))], lambda xs, a: xs[0].index_select(0, a[0] % xs[0].shape[0]),
        lambda rng, s: [indices(rng, -s[0][0], s[0][0], s[0][0] + 3)])
    row('index_select_strided', [('ANY', (4, 5))],
        lambda xs, a: torch.square(strided(xs[0]).index_select(1, a[0] % xs[0].shape[0])),
        lambda rng, s: [indices(rng, -s[0][0], s[0][0], 7)])


# ------------------------------------------------------------------ linear algebra

def linalg_rows():
    mm = lambda xs, a: xs[0] @ xs[1]
    row('matmul_vv', [('ANY', (4,)), ('ANY', (4,))], mm)
    row('matmul_mv', [('ANY', (3, 4)), ('ANY', (4,))], mm)
    row('matmul_vm', [('ANY', (4,)), ('ANY', (4, 5))], mm)
    row('matmul_mm', [('ANY', (3, 4)), ('ANY', (4, 5))], mm)
    row('matmul_batched_bcast', [('ANY', (2, 1, 3, 4)), ('ANY', (3, 4, 5))], mm)
    row('matmul_batched_vec', [('ANY', (2, 3, 4)), ('ANY', (4,))], mm)
    row('matmul_transposed', [('ANY', (4, 3)), ('ANY', (5, 4))], lambda xs, a: xs[0].t() @ xs[1].t())
    row('matmul_self', [('ANY', (4, 4))], lambda xs, a: xs[0] @ xs[0])
    row('linear', [('ANY', (3, 4)), ('ANY', (5, 4)), ('ANY', (5,))], lambda xs, a: F.linear(xs[0], xs[1], xs[2]))
    row('linear_batched', [('ANY', (2, 3, 4)), ('ANY', (5, 4)), ('ANY', (5,))],
        lambda xs, a: F.linear(xs[0], xs[1], xs[2]))
    row('linear_vector_no_bias', [('ANY', (4,)), ('ANY', (5, 4))], lambda xs, a: F.linear(xs[0], xs[1]))
    row('linear_transposed_input', [('ANY', (4, 3)), ('ANY', (5, 4))], lambda xs, a: F.linear(xs[0].t(), xs[1]))

    sym = lambda m: (m + m.mT) * 0.5
    row('cholesky', [('SPD', (4, 4))], lambda xs, a: torch.linalg.cholesky(sym(xs[0])))
    row('cholesky_batched', [('SPD', (2, 3, 3))], lambda xs, a: torch.linalg.cholesky(sym(xs[0])))
    row('triangular_solve_lower', [('LOWER', (4, 4)), ('ANY', (4, 3))],
        lambda xs, a: torch.linalg.solve_triangular(torch.tril(xs[0]), xs[1], upper=False))
    row('triangular_solve_upper_t', [('UPPER', (4, 4)), ('ANY', (4, 2))],
        lambda xs, a: torch.linalg.solve_triangular(torch.triu(xs[0]).mT, xs[1], upper=False))
    row('triangular_solve_batched', [('LOWER', (2, 1, 3, 3)), ('ANY', (3, 3, 2))],
        lambda xs, a: torch.linalg.solve_triangular(torch.tril(xs[0]).mT, xs[1], upper=True))
    logdet = lambda xs, a: 2 * torch.log(torch.diagonal(xs[0], dim1=-2, dim2=-1)).sum(-1)
    row('logdet_from_cholesky', [('CHOLESKY_FACTOR', (4, 4))], logdet)
    row('logdet_from_cholesky_batched', [('CHOLESKY_FACTOR', (3, 2, 2))], logdet)
    chol_solve = lambda xs, a: torch.cholesky_solve(xs[1], torch.tril(xs[0]))
    row('cholesky_solve', [('CHOLESKY_FACTOR', (4, 4)), ('ANY', (4, 2))], chol_solve)
    row('cholesky_solve_batched', [('CHOLESKY_FACTOR', (2, 3, 3)), ('ANY', (3, 1))], chol_solve)


# ------------------------------------------------------------------ convolution family

def conv_rows():
    row('conv2d_grouped_bias', [('ANY', (2, 4, 6, 5)), ('ANY', (6, 2, 3, 2)), ('ANY', (6,))],
        lambda xs, a: F.conv2d(F.pad(xs[0], (2, 1, 1, 0)), xs[1], xs[2], stride=(2, 1), dilation=(1, 2), groups=2))
    row('conv2d_strided_dilated_bias', [('ANY', (2, 4, 6, 5)), ('ANY', (3, 4, 3, 2)), ('ANY', (3,))],
        lambda xs, a: F.conv2d(F.pad(xs[0], (2, 1, 1, 0)), xs[1], xs[2], stride=(2, 1), dilation=(1, 2)))
    row('conv2d_no_bias', [('ANY', (1, 2, 5, 5)), ('ANY', (3, 2, 3, 3))], lambda xs, a: F.conv2d(xs[0], xs[1]))
    row('conv2d_relu_grouped_bias', [('ANY', (2, 4, 6, 5)), ('ANY', (6, 2, 3, 2)), ('ANY', (6,))],
        lambda xs, a: F.relu(F.conv2d(F.pad(xs[0], (2, 1, 1, 0)), xs[1], xs[2], stride=(2, 1), dilation=(1, 2),
                                      groups=2)))
    row('conv1d_relu', [('ANY', (2, 4, 9)), ('ANY', (3, 4, 3)), ('ANY', (3,))],
        lambda xs, a: F.relu(F.conv1d(F.pad(xs[0], (2, 1)), xs[1], xs[2], dilation=2)))
    row('conv1d_relu_maxpool', [('ANY', (2, 4, 11)), ('ANY', (3, 4, 3)), ('ANY', (3,))],
        lambda xs, a: F.max_pool1d(F.relu(F.conv1d(F.pad(xs[0], (2, 1)), xs[1], xs[2], dilation=2)), 3, 2))
    row('conv2d_relu_maxpool_rows', [('ANY', (2, 4, 6, 9)), ('ANY', (6, 2, 3, 2)), ('ANY', (6,))],
        lambda xs, a: F.max_pool2d(F.relu(F.conv2d(F.pad(xs[0], (2, 1, 1, 0)), xs[1], xs[2], stride=(2, 1),
                                                   dilation=(1, 2), groups=2)), (1, 2)))
    row('conv2d_int_args', [('ANY', (2, 3, 5, 5)), ('ANY', (4, 3, 3, 3)), ('ANY', (4,))],
        lambda xs, a: F.conv2d(xs[0], xs[1], xs[2], stride=2, padding=1))
    row('conv1d_explicit', [('ANY', (2, 4, 9)), ('ANY', (6, 2, 3)), ('ANY', (6,))],
        lambda xs, a: F.conv1d(F.pad(xs[0], (2, 0)), xs[1], xs[2], stride=2, dilation=2, groups=2))
    row('conv1d_explicit_ungrouped', [('ANY', (2, 4, 9)), ('ANY', (3, 4, 3)), ('ANY', (3,))],
        lambda xs, a: F.conv1d(F.pad(xs[0], (2, 0)), xs[1], xs[2], stride=2, dilation=2))
    row('conv1d_same', [('ANY', (2, 3, 7)), ('ANY', (2, 3, 4))],
        lambda xs, a: F.conv1d(xs[0], xs[1], None, padding='same', dilation=2))
    row('conv1d_same_tf_strided', [('ANY', (2, 3, 8)), ('ANY', (4, 3, 3)), ('ANY', (4,))],
        lambda xs, a: F.conv1d(F.pad(xs[0], (0, 1)), xs[1], xs[2], stride=3))
    row('conv_transpose2d', [('ANY', (2, 4, 3, 4)), ('ANY', (4, 3, 3, 2)), ('ANY', (6,))],
        lambda xs, a: F.conv_transpose2d(xs[0], xs[1], xs[2], stride=(2, 1), padding=(1, 0), output_padding=(1, 0),
                                         groups=2, dilation=(1, 2)))
    row('conv_transpose2d_ungrouped', [('ANY', (2, 4, 3, 4)), ('ANY', (4, 3, 3, 2)), ('ANY', (3,))],
        lambda xs, a: F.conv_transpose2d(xs[0], xs[1], xs[2], stride=(2, 1), padding=(1, 0), output_padding=(1, 0),
                                         dilation=(1, 2)))
    row('conv_transpose1d', [('ANY', (2, 4, 5)), ('ANY', (4, 3, 3))],
        lambda xs, a: F.conv_transpose1d(xs[0], xs[1], None, stride=2, padding=1, output_padding=1, groups=2))
    row('conv_transpose1d_ungrouped', [('ANY', (2, 4, 5)), ('ANY', (4, 3, 3))],
        lambda xs, a: F.conv_transpose1d(xs[0], xs[1], None, stride=2, padding=1, output_padding=1))

    # output padding >= stride (allowed below the dilation)
    row('conv_transpose2d_outpad_ge_stride', [('ANY', (2, 2, 4, 3)), ('ANY', (2, 3, 3, 2)), ('ANY', (3,))],
        lambda xs, a: F.conv_transpose2d(xs[0], xs[1], xs[2], stride=(1, 2), output_padding=(1, 1), dilation=(2, 1)))
    row('conv_transpose2d_outpad_ge_stride_padded_grouped',
        [('ANY', (2, 4, 3, 4)), ('ANY', (4, 2, 2, 3)), ('ANY', (4,))],
        lambda xs, a: F.conv_transpose2d(xs[0], xs[1], xs[2], stride=1, padding=(1, 2), output_padding=(2, 1),
                                         groups=2, dilation=(3, 2)))
    row('conv_transpose1d_outpad_ge_stride', [('ANY', (2, 3, 5)), ('ANY', (3, 2, 3)), ('ANY', (2,))],
        lambda xs, a: F.conv_transpose1d(xs[0], xs[1], xs[2], stride=1, output_padding=1, dilation=2))
    row('conv_transpose1d_outpad_eq_stride_padded_grouped', [('ANY', (2, 4, 4)), ('ANY', (4, 3, 2))],
        lambda xs, a: F.conv_transpose1d(xs[0], xs[1], None, stride=2, padding=1, output_padding=2, groups=2,
                                         dilation=3))

    row('max_pool2d_ceil', [('DISTINCT', (2, 3, 7, 6))],
        lambda xs, a: F.max_pool2d(xs[0], (3, 2), stride=(2, 2), padding=(1, 1), ceil_mode=True))
    row('max_pool2d_dilated', [('DISTINCT', (1, 2, 6, 5))],
        lambda xs, a: F.max_pool2d(xs[0], (2, 2), stride=(1, 2), padding=(0, 1), dilation=(2, 1)))
    row('max_pool1d', [('DISTINCT', (2, 3, 9))], lambda xs, a: F.max_pool1d(xs[0], 3, 2, 1))
    row('max_pool2d_ties', [('DISCRETE', (1, 2, 4, 4))], lambda xs, a: F.max_pool2d(xs[0], 2, stride=1))
    row('avg_pool2d_ceil_exclude_pad', [('ANY', (2, 3, 7, 6))],
        lambda xs, a: F.avg_pool2d(xs[0], (3, 2), stride=(2, 2), padding=(1, 1), ceil_mode=True,
                                   count_include_pad=False))
    row('avg_pool2d_include_pad', [('ANY', (1, 2, 5, 6))],
        lambda xs, a: F.avg_pool2d(xs[0], (2, 3), stride=(2, 1), padding=(1, 1)))
    row('avg_pool1d_ceil', [('ANY', (2, 3, 8))],
        lambda xs, a: F.avg_pool1d(xs[0], 3, 2, 1, ceil_mode=True, count_include_pad=False))
    row('unfold', [('ANY', (2, 3, 5, 6))],
        lambda xs, a: F.unfold(F.pad(xs[0], (0, 1, 1, 2)), (3, 2), dilation=(1, 2), stride=(2, 1)))
    row('fold', [('ANY', (2, 18, 15))],
        lambda xs, a: F.fold(xs[0], (5 + 3, 6 + 1), (3, 2), dilation=(1, 2), stride=(2, 1))[..., 1:6, 0:6])
    # appended last so that the seeded inputs of earlier rows do not move
    row('max_pool2d_values', [('DISTINCT', (2, 3, 7, 6))],
        lambda xs, a: F.max_pool2d(xs[0], (3, 2), stride=(2, 2), padding=(1, 1), ceil_mode=True))


# ------------------------------------------------------------------ writing

def fmt(tag, t):
    t = t.detach().contiguous()
    if t.dtype == torch.bool:
        dt, values = 'BOOL', ['1' if v else '0' for v in t.reshape(-1).tolist()]
    elif t.dtype == torch.int64:
        dt, values = 'I64', [str(int(v)) for v in t.reshape(-1).tolist()]
    else:
        assert t.dtype == F64, (tag, t.dtype)
        dt, values = 'F64', [repr(float(v)) for v in t.reshape(-1).tolist()]
    return ' '.join([tag, dt, '[' + ','.join(str(s) for s in t.shape) + ']'] + values)


def write_row(rid):
    specs, fn, aux_fn = ROWS[rid]
    rng = np.random.default_rng(zlib.crc32(rid.encode()))
    xs = [sample(d, s, rng).requires_grad_(True) for d, s in specs]
    aux = aux_fn(rng, [s for _, s in specs])
    out = fn(xs, aux)
    weight = torch.from_numpy(rng.standard_normal(tuple(out.shape)))
    (out * weight).sum().backward()
    lines = ['# %s: float64 inputs, output and gradients of sum(weight * output), torch %s (make_grad_fixtures.py)'
             % (rid, torch.__version__)]
    lines += [fmt('in', x) for x in xs]
    lines += [fmt('aux', t) for t in aux]
    lines.append(fmt('weight', weight))
    lines.append(fmt('out', out))
    for k, x in enumerate(xs):
        # a missing gradient is an error, never written as zeros: every row's inputs reach its output
        assert x.grad is not None, '%s: torch gives no gradient for input %d' % (rid, k)
    lines += [fmt('grad', x.grad) for x in xs]
    with open(os.path.join(OUT_DIR, rid + '.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    torch.set_num_threads(1)
    check_pads_against_torch()
    elementwise_rows()
    reduction_rows()
    movement_rows()
    indexing_rows()
    linalg_rows()
    conv_rows()
    os.makedirs(OUT_DIR, exist_ok=True)
    for old in os.listdir(OUT_DIR):
        if old.endswith('.txt'):
            os.remove(os.path.join(OUT_DIR, old))
    for rid in sorted(ROWS):
        write_row(rid)
    total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))
    print('wrote %d gradient fixtures (%d bytes) to %s' % (len(ROWS), total, OUT_DIR))


if __name__ == '__main__':
    main()
