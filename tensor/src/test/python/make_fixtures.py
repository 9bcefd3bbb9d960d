#!/usr/bin/python3
"""Writes PyTorch golden values for every row of the Java op table.

Run from anywhere with Debian's python3-torch (1.13) and numpy:

    /usr/bin/python3 tensor/src/test/python/make_fixtures.py

For each row id of astrograd.tensor.optable.OpTable it writes
tensor/src/test/resources/fixtures/<id>.txt holding, per dtype, two cases of seeded inputs and torch's
outputs. The format (read by TorchFixtureTest) is line based:

    # comment
    case <DTYPE>
    in  <DTYPE> [d0,d1,...] v0 v1 ...      one line per input, row-major values
    out <DTYPE> [d0,d1,...] v0 v1 ...      one line per result
    end

DTYPE is F32, F64, I32, I64 or BOOL (0/1); F32 values are printed as the shortest decimal that reads back
to the same float, F64 as Python's repr; NaN and infinities as Java spells them.

Where PyTorch's conventions differ from astrograd's, the expectation is produced here in ours:
  * pad: our pads are torch's last-axis-first (before, after) pairs. Torch's circular pad refuses pads
    larger than the axis and its reflect pad refuses pads >= the axis length; ours continue periodically
    (numpy 'wrap' / 'reflect' semantics), so non-constant modes are computed by index arithmetic (and
    checked against torch where torch accepts the pads).
  * indexSelect: our negative indices count from the end; torch refuses them, so they are normalized.
  * oneHot: ours returns F32; torch returns int64, converted here.
  * gather/takeAlongAxis/oneHot accept I32 indices in ours; torch needs int64, converted here.
  * var/std: the `unbiased` flag maps directly; argmax/argmin return the first occurrence (as torch on CPU).
"""
import os
import zlib

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'fixtures'))

TORCH = {'F32': torch.float32, 'F64': torch.float64, 'I32': torch.int32, 'I64': torch.int64, 'BOOL': torch.bool}
NAME = {v: k for k, v in TORCH.items()}
FLOATS = ['F32', 'F64']
NUMERIC = ['F32', 'F64', 'I32', 'I64']
INTEGERS = ['I32', 'I64']
ALL = ['F32', 'F64', 'I32', 'I64', 'BOOL']

ROWS = {}


def row(rid, dtypes, cases, fn):
    """cases: list of functions (rng, dtype) -> list of input tensors; fn(*inputs) -> tensor or list."""
    assert rid not in ROWS, rid
    ROWS[rid] = (dtypes, cases, fn)


# ------------------------------------------------------------------ inputs

def sample(domain, shape, dt, rng):
    """Values from the same domains as the Java table (Domain.java)."""
    n = int(np.prod(shape)) if len(shape) else 1
    integer = dt in INTEGERS
    if domain == 'ANY':
        v = rng.integers(-5, 6, n) if integer else rng.uniform(-3, 3, n)
    elif domain == 'WIDE':
        v = rng.integers(-8, 9, n) if integer else rng.uniform(-8, 8, n)
    elif domain == 'POSITIVE':
        v = rng.integers(1, 6, n) if integer else rng.uniform(0.1, 4, n)
    elif domain == 'NONZERO':
        sign = rng.choice([-1.0, 1.0], n)
        v = sign * (rng.integers(1, 4, n) if integer else rng.uniform(0.5, 3, n))
    elif domain == 'ABOVE_MINUS_ONE':
        v = rng.uniform(-0.9, 4, n)
    elif domain == 'LGAMMA':
        v = rng.uniform(-3.5, 6, n)
        bad = (v <= 0.1) & (np.abs(v - np.rint(v)) < 0.1)
        v[bad] += 0.3
    elif domain == 'NEAR_ONE':
        v = rng.choice([-1.0, 1.0], n) * rng.uniform(0.6, 1.4, n)
    elif domain == 'DISCRETE':
        v = rng.integers(-2, 3, n) * (1 if integer else 0.5)
    elif domain == 'CAST':
        u = rng.uniform(0, 1, n)
        v = np.where(u < 0.1, 0.0, np.where(u < 0.35, rng.integers(-5, 6, n), rng.uniform(-5, 5, n)))
    elif domain == 'BOOL':
        v = rng.integers(0, 2, n)
        dt = 'BOOL'
    else:
        raise ValueError(domain)
    arr = np.asarray(v, dtype=np.float64).reshape(shape)
    if dt == 'BOOL':
        return torch.from_numpy(arr != 0)
    if dt in INTEGERS:
        return torch.from_numpy(np.trunc(arr)).to(TORCH[dt])
    return torch.from_numpy(arr).to(TORCH[dt])


def ints(rng, dt, shape, lo, hi):
    return torch.from_numpy(rng.integers(lo, hi, size=shape)).to(TORCH[dt])


def inputs(*specs):
    """A case of inputs: specs are (domain, shape) pairs; BOOL domains give BOOL tensors."""
    return lambda rng, dt: [sample(d, s, dt, rng) for d, s in specs]


# ------------------------------------------------------------------ elementwise rows

def unary(rid, dtypes, domain, fn):
    row(rid, dtypes, [inputs((domain, (3, 5))), inputs((domain, (2, 1, 4)))], fn)


def binary(rid, dtypes, da, db, fn):
    row(rid, dtypes, [inputs((da, (3, 4)), (db, (4,))), inputs((da, (2, 1, 3)), (db, (4, 1)))], fn)


def elementwise_rows():
    F = torch.nn.functional
    unary('neg', NUMERIC, 'ANY', torch.neg)
    unary('abs', NUMERIC, 'ANY', torch.abs)
    unary('sign', NUMERIC, 'DISCRETE', torch.sign)
    unary('square', NUMERIC, 'ANY', torch.square)
    unary('relu', NUMERIC, 'ANY', torch.relu)
    unary('exp', FLOATS, 'ANY', torch.exp)
    unary('log', FLOATS, 'POSITIVE', torch.log)
    unary('log1p', FLOATS, 'ABOVE_MINUS_ONE', torch.log1p)
    unary('expm1', FLOATS, 'ANY', torch.expm1)
    unary('sqrt', FLOATS, 'POSITIVE', torch.sqrt)
    unary('rsqrt', FLOATS, 'POSITIVE', torch.rsqrt)
    unary('sin', FLOATS, 'ANY', torch.sin)
    unary('cos', FLOATS, 'ANY', torch.cos)
    unary('tanh', FLOATS, 'WIDE', torch.tanh)
    unary('sigmoid', FLOATS, 'WIDE', torch.sigmoid)
    unary('softplus', FLOATS, 'WIDE', F.softplus)
    unary('erf', FLOATS, 'WIDE', torch.erf)
    unary('lgamma', FLOATS, 'LGAMMA', torch.lgamma)
    unary('digamma', FLOATS, 'LGAMMA', torch.digamma)
    unary('clamp', FLOATS, 'ANY', lambda x: torch.clamp(x, -0.5, 1.25))
    unary('add_scalar', FLOATS, 'ANY', lambda x: x + 1.5)
    unary('mul_scalar', FLOATS, 'ANY', lambda x: x * -2.5)
    unary('div_scalar', FLOATS, 'ANY', lambda x: x / 4)
    unary('pow_scalar', FLOATS, 'POSITIVE', lambda x: torch.pow(x, 2.5))
    binary('add', NUMERIC, 'ANY', 'ANY', torch.add)
    binary('sub', NUMERIC, 'ANY', 'ANY', torch.sub)
    binary('mul', NUMERIC, 'ANY', 'ANY', torch.mul)
    binary('div', FLOATS, 'ANY', 'NONZERO', torch.div)
    binary('pow', FLOATS, 'POSITIVE', 'ANY', torch.pow)
    binary('maximum', NUMERIC, 'DISCRETE', 'ANY', torch.maximum)
    binary('minimum', NUMERIC, 'DISCRETE', 'ANY', torch.minimum)
    binary('atan2', FLOATS, 'ANY', 'ANY', torch.atan2)
    binary('atan2_zeros', FLOATS, 'DISCRETE', 'DISCRETE', torch.atan2)
    for name, fn in [('eq', torch.eq), ('ne', torch.ne), ('lt', torch.lt), ('le', torch.le), ('gt', torch.gt),
                     ('ge', torch.ge)]:
        binary(name, NUMERIC, 'DISCRETE', 'DISCRETE', fn)
    unary('gt_scalar', FLOATS, 'DISCRETE', lambda x: x > 0.0)
    binary('and', ['BOOL'], 'BOOL', 'BOOL', torch.logical_and)
    binary('or', ['BOOL'], 'BOOL', 'BOOL', torch.logical_or)
    unary('not', ['BOOL'], 'BOOL', torch.logical_not)
    row('where', NUMERIC, [inputs(('BOOL', (3, 4)), ('ANY', (3, 4)), ('ANY', (4,))),
                           inputs(('BOOL', (2, 1)), ('ANY', (1, 3)), ('ANY', (2, 1, 1)))],
        torch.where)
    for rid, dtypes, value in [('masked_fill', NUMERIC, 2.0), ('masked_fill_neginf', FLOATS, float('-inf'))]:
        row(rid, dtypes, [inputs(('ANY', (3, 4)), ('BOOL', (3, 4))), inputs(('ANY', (2, 3, 4)), ('BOOL', (3, 1)))],
            lambda x, m, value=value: x.masked_fill(m, value))
    for target in ALL:
        row('cast_' + target.lower(), ALL, [inputs(('CAST', (4, 5))), inputs(('CAST', (2, 1, 3)))],
            lambda x, target=target: x.to(TORCH[target]))


# ------------------------------------------------------------------ reductions

def reduce_all_or(x, axes, keep, fn):
    dims = list(range(x.dim())) if not axes else [a % x.dim() for a in axes]
    return fn(x, dims, keep)


def prod_dims(x, dims, keep):
    out = x
    for d in sorted(dims, reverse=True):
        out = torch.prod(out, dim=d, keepdim=True)
    if not keep:
        out = out.reshape([s for i, s in enumerate(x.shape) if i not in dims])
    return out


def var_dims(x, dims, keep, unbiased):
    if not dims:
        return torch.var(x, unbiased=unbiased)
    return torch.var(x, dim=dims, unbiased=unbiased, keepdim=keep)


REDUCTIONS = [
    ('sum', 'ANY', lambda x, d, k: torch.sum(x, dim=d, keepdim=k) if d else x.sum()),
    ('prod', 'NEAR_ONE', prod_dims),
    ('mean', 'ANY', lambda x, d, k: torch.mean(x, dim=d, keepdim=k) if d else x.mean()),
    ('max', 'DISCRETE', lambda x, d, k: torch.amax(x, dim=d, keepdim=k) if d else x.max()),
    ('min', 'DISCRETE', lambda x, d, k: torch.amin(x, dim=d, keepdim=k) if d else x.min()),
    ('logsumexp', 'ANY', lambda x, d, k: torch.logsumexp(x, dim=d, keepdim=k) if d else torch.logsumexp(x.reshape(-1), 0)),
    ('var_unbiased', 'ANY', lambda x, d, k: var_dims(x, d, k, True)),
    ('var_biased', 'ANY', lambda x, d, k: var_dims(x, d, k, False)),
    ('std_unbiased', 'ANY', lambda x, d, k: var_dims(x, d, k, True).sqrt()),
    ('std_biased', 'ANY', lambda x, d, k: var_dims(x, d, k, False).sqrt()),
]
VARIANTS = [('all', False, []), ('all_keep', True, []), ('ax1_keep', True, [1]), ('ax02', False, [0, 2]),
            ('axm1', False, [-1])]


def with_keep(fn, x, axes, keep):
    """Applies a reduction; for 'all' with keepDim, restores the rank with size-1 axes."""
    out = reduce_all_or(x, axes, keep, fn)
    if not axes and keep:
        out = out.reshape([1] * x.dim())
    return out


def reduction_rows():
    for name, domain, fn in REDUCTIONS:
        for suffix, keep, axes in VARIANTS:
            shapes = [(2, 3), (2, 1, 3, 2)] if not axes else [(3, 4, 5), (2, 1, 3)]
            row(name + '_' + suffix, FLOATS, [inputs((domain, s)) for s in shapes],
                lambda x, fn=fn, axes=axes, keep=keep: with_keep(fn, x, axes, keep))
    for axis, keep in [(0, False), (-1, True), (1, False)]:
        suffix = '_ax' + ('m%d' % -axis if axis < 0 else str(axis)) + ('_keep' if keep else '')
        for name, fn in [('argmax', torch.argmax), ('argmin', torch.argmin)]:
            row(name + suffix, FLOATS, [inputs(('DISCRETE', (3, 4, 5))), inputs(('DISCRETE', (2, 1, 3)))],
                lambda x, fn=fn, axis=axis, keep=keep: fn(x, dim=axis, keepdim=keep))
    for axis in [0, -1]:
        suffix = '_axm1' if axis < 0 else '_ax0'
        row('cumsum' + suffix, FLOATS, [inputs(('ANY', (4, 5))), inputs(('ANY', (2, 1, 3)))],
            lambda x, axis=axis: torch.cumsum(x, axis))
        row('softmax' + suffix, FLOATS, [inputs(('WIDE', (4, 5))), inputs(('WIDE', (2, 1, 3)))],
            lambda x, axis=axis: torch.softmax(x, axis))
        row('log_softmax' + suffix, FLOATS, [inputs(('WIDE', (4, 5))), inputs(('WIDE', (2, 1, 3)))],
            lambda x, axis=axis: torch.log_softmax(x, axis))


# ------------------------------------------------------------------ joins, pads, indexing, matmul

def pad_reference(x, pads, mode, value):
    """Our pad: last-axis-first pairs; non-constant modes by index arithmetic, periodic for long pads."""
    if mode == 'constant':
        return torch.nn.functional.pad(x, pads, mode='constant', value=value)
    out = x
    for p in range(len(pads) // 2):
        axis = x.dim() - 1 - p
        before, after = pads[2 * p], pads[2 * p + 1]
        n = out.shape[axis]
        src = np.arange(-before, n + after)
        if mode == 'circular':
            idx = np.mod(src, n)
        elif mode == 'replicate':
            idx = np.clip(src, 0, n - 1)
        else:
            period = 2 * (n - 1)
            j = np.mod(src, period)
            idx = np.where(j < n, j, period - j)
        out = torch.index_select(out, axis, torch.from_numpy(idx))
    return out


def check_pad_against_torch():
    """Index arithmetic agrees with torch where torch accepts the pads, and with numpy for long pads."""
    x = torch.arange(24, dtype=torch.float64).reshape(1, 2, 3, 4)
    for mode in ['circular', 'reflect', 'replicate']:
        pads = [1, 2, 2, 0]
        expect = torch.nn.functional.pad(x, pads, mode=mode)
        assert torch.equal(pad_reference(x, pads, mode, 0), expect), mode
    y = np.arange(3.0)
    for mode, np_mode in [('circular', 'wrap'), ('reflect', 'reflect'), ('replicate', 'edge')]:
        got = pad_reference(torch.from_numpy(y), [7, 7], mode, 0).numpy()
        assert np.array_equal(got, np.pad(y, (7, 7), mode=np_mode)), mode


def pieces(x, axis, sizes):
    return list(torch.split(x, sizes, axis))


def gather_case(axis, index_dt, xshape, ilen):
    def make(rng, dt):
        x = sample('ANY', xshape, dt, rng)
        ishape = list(xshape)
        ishape[axis] = ilen
        return [x, ints(rng, index_dt, ishape, 0, xshape[axis])]
    return make


def structure_rows():
    for axis in [0, 1, -1]:
        suffix = '_axm1' if axis < 0 else '_ax%d' % axis

        def cat_case(base, sizes, axis=axis):
            shapes = []
            for s in sizes:
                sh = list(base)
                sh[axis] = s
                shapes.append(('ANY', tuple(sh)))
            return inputs(*shapes)
        row('cat' + suffix, NUMERIC, [cat_case((2, 3, 4), [2, 1, 3]), cat_case((2, 1, 3), [0, 2, 1])],
            lambda *xs, axis=axis: torch.cat(xs, axis))
        row('stack' + suffix, NUMERIC, [inputs(*[('ANY', (3, 4))] * 3), inputs(*[('ANY', (1, 2))] * 3)],
            lambda *xs, axis=axis: torch.stack(xs, axis))
    row('split_size', NUMERIC, [inputs(('ANY', (2, 5, 3))), inputs(('ANY', (1, 2, 2)))],
        lambda x: list(torch.split(x, 2, 1)))
    row('split_sizes', NUMERIC, [inputs(('ANY', (3, 5))), inputs(('ANY', (1, 5)))],
        lambda x: pieces(x, -1, [2, 0, 3]))
    row('chunk', NUMERIC, [inputs(('ANY', (7, 2))), inputs(('ANY', (4, 3)))],
        lambda x: list(torch.chunk(x, 3, 0)))
    pad_rows = [
        ('pad_constant', [1, 2], 'constant', 0.5, [(3, 4), (2, 2, 3)]),
        ('pad_constant_asym2d', [0, 3, 2, 0], 'constant', -1.0, [(3, 4), (2, 1, 2)]),
        ('pad_circular', [1, 2], 'circular', 0, [(3, 4), (2, 2, 3)]),
        ('pad_circular_long', [5, 7], 'circular', 0, [(2, 3), (1,)]),
        ('pad_circular_long2d', [4, 1, 0, 6], 'circular', 0, [(2, 3), (2, 1, 2)]),
        ('pad_reflect', [1, 2], 'reflect', 0, [(3, 4), (2, 2, 3)]),
        ('pad_reflect_long', [6, 5], 'reflect', 0, [(2, 3), (1, 2)]),
        ('pad_replicate', [2, 3, 1, 0], 'replicate', 0, [(3, 4), (2, 1, 2)]),
    ]
    for rid, pads, mode, value, shapes in pad_rows:
        row(rid, NUMERIC, [inputs(('ANY', s)) for s in shapes],
            lambda x, pads=pads, mode=mode, value=value: pad_reference(x, pads, mode, value))
    row('pad_axis_reflect', NUMERIC, [inputs(('ANY', (3, 2, 2))), inputs(('ANY', (2, 1, 3)))],
        lambda x: pad_reference(x.movedim(0, -1), [3, 1], 'reflect', 0).movedim(-1, 0))
    for rid, shift, axis in [('roll_neg', -2, 0), ('roll_long', 7, -1), ('roll_ax1', 1, 1)]:
        row(rid, NUMERIC, [inputs(('ANY', (3, 4))), inputs(('ANY', (2, 3)))],
            lambda x, shift=shift, axis=axis: torch.roll(x, shift, axis))
    for rid, axes in [('flip_ax0', [0]), ('flip_axm1', [-1]), ('flip_ax02', [0, 2])]:
        row(rid, NUMERIC, [inputs(('ANY', (2, 3, 4))), inputs(('ANY', (3, 1, 2)))],
            lambda x, axes=axes: torch.flip(x, axes))
    row('gather_ax1', NUMERIC, [gather_case(1, 'I64', (2, 3, 4), 5), gather_case(1, 'I64', (2, 1, 3), 2)],
        lambda x, i: torch.gather(x, 1, i.long()))
    row('gather_axm1', NUMERIC, [gather_case(-1, 'I64', (2, 3, 4), 2), gather_case(-1, 'I64', (3, 1, 2), 4)],
        lambda x, i: torch.gather(x, -1, i.long()))
    row('take_along_axis', NUMERIC, [gather_case(0, 'I32', (3, 2, 4), 4), gather_case(0, 'I32', (1, 2, 2), 3)],
        lambda x, i: torch.gather(x, 0, i.long()))
    for axis in [0, -1]:
        suffix = '_axm1' if axis < 0 else '_ax0'

        def scatter_case(xshape, ilen, axis=axis):
            g = gather_case(axis, 'I64', xshape, ilen)

            def make(rng, dt):
                x, i = g(rng, dt)
                return [x, i, sample('ANY', tuple(i.shape), dt, rng)]
            return make
        row('scatter_add' + suffix, NUMERIC, [scatter_case((3, 4, 2), 6), scatter_case((2, 1, 3), 2)],
            lambda x, i, s, axis=axis: x.scatter_add(axis, i.long(), s))
    for rid, axis, idt in [('index_select_ax0', 0, 'I64'), ('index_select_ax1_i32', 1, 'I32')]:
        def sel_case(xshape, ilen, axis=axis, idt=idt):
            def make(rng, dt):
                n = xshape[axis]
                return [sample('ANY', xshape, dt, rng), ints(rng, idt, (ilen,), -n, n)]
            return make
        row(rid, NUMERIC, [sel_case((3, 4, 2), 5), sel_case((2, 3, 1), 0)],
            lambda x, i, axis=axis: torch.index_select(x, axis, torch.remainder(i.long(), x.shape[axis])))
    row('one_hot', INTEGERS, [lambda rng, dt: [ints(rng, dt, (2, 3), 0, 5)], lambda rng, dt: [ints(rng, dt, (4,), 0, 5)]],
        lambda x: torch.nn.functional.one_hot(x.long(), 5).float())
    matmul_rows = [
        ('matmul_mm', [((3, 4), (4, 5)), ((1, 3), (3, 2))]),
        ('matmul_mv', [((3, 4), (4,)), ((2, 0), (0,))]),
        ('matmul_vm', [((4,), (4, 3)), ((1,), (1, 2))]),
        ('matmul_vv', [((5,), (5,)), ((1,), (1,))]),
        ('matmul_batched_broadcast', [((2, 1, 3, 4), (3, 4, 2)), ((2, 1, 1, 2), (3, 2, 3))]),
        ('matmul_batched_mat', [((2, 3, 4), (4, 5)), ((2, 2, 1), (1, 3))]),
        ('matmul_vec_batched', [((4,), (2, 4, 3)), ((2,), (2, 2, 1))]),
    ]
    for rid, shapes in matmul_rows:
        row(rid, FLOATS, [inputs(('ANY', a), ('ANY', b)) for a, b in shapes], torch.matmul)


# ------------------------------------------------------------------ linalg

def spd(rng, dt, batch, n):
    m = rng.uniform(-3, 3, tuple(batch) + (n, n))
    a = m @ np.swapaxes(m, -1, -2) / n + np.eye(n)
    return torch.from_numpy(a).to(TORCH[dt])


def triangular(rng, dt, batch, n):
    """Junk in (-1, 1) everywhere, |diagonal| in [1, 2]: the solver must read only the named triangle."""
    a = rng.uniform(-1, 1, tuple(batch) + (n, n))
    diag = rng.choice([-1.0, 1.0], tuple(batch) + (n,)) * rng.uniform(1, 2, tuple(batch) + (n,))
    idx = np.arange(n)
    a[..., idx, idx] = diag
    return torch.from_numpy(a).to(TORCH[dt])


def solve_triangular(a, b, lower, transpose):
    t = torch.tril(a) if lower else torch.triu(a)
    if transpose:
        t = t.transpose(-1, -2)
    return torch.linalg.solve_triangular(t, b, upper=(lower == transpose))


def linalg_rows():
    row('cholesky', FLOATS, [lambda rng, dt: [spd(rng, dt, (), 4)], lambda rng, dt: [spd(rng, dt, (2,), 3)]],
        torch.linalg.cholesky)
    for rid, lower, transpose in [('triangular_solve_lower', True, False), ('triangular_solve_upper_t', False, True)]:
        row(rid, FLOATS, [lambda rng, dt: [triangular(rng, dt, (), 4), sample('ANY', (4, 3), dt, rng)],
                          lambda rng, dt: [triangular(rng, dt, (2,), 3), sample('ANY', (2, 3, 1), dt, rng)]],
            lambda a, b, lower=lower, transpose=transpose: solve_triangular(a, b, lower, transpose))
    row('triangular_solve_batched', FLOATS,
        [lambda rng, dt: [triangular(rng, dt, (2, 1), 3), sample('ANY', (3, 3, 2), dt, rng)],
         lambda rng, dt: [triangular(rng, dt, (2, 1), 1), sample('ANY', (3, 1, 2), dt, rng)]],
        lambda a, b: solve_triangular(a, b, True, True))

    def chol_case(batch, n, k):
        return lambda rng, dt: [torch.linalg.cholesky(spd(rng, 'F64', batch, n)).to(TORCH[dt]),
                                sample('ANY', tuple(batch) + (n, k), dt, rng)]
    row('cholesky_solve', FLOATS, [chol_case((), 4, 2), chol_case((2,), 3, 1)], lambda l, b: torch.cholesky_solve(b, l))

    def logdet_case(batch, n):
        def make(rng, dt):
            t = triangular(rng, dt, batch, n)
            idx = torch.arange(n)
            t[..., idx, idx] = t[..., idx, idx].abs()
            return [t]
        return make
    row('logdet_from_cholesky', FLOATS, [logdet_case((), 4), logdet_case((3,), 2)],
        lambda l: 2 * torch.log(torch.diagonal(l, dim1=-2, dim2=-1)).sum(-1))


# ------------------------------------------------------------------ writing

def fmt_value(v, dt):
    if dt == 'BOOL':
        return '1' if v else '0'
    if dt in INTEGERS:
        return str(int(v))
    f = float(v)
    if np.isnan(f):
        return 'NaN'
    if np.isinf(f):
        return 'Infinity' if f > 0 else '-Infinity'
    return str(np.float32(f)) if dt == 'F32' else repr(f)


def fmt_tensor(tag, t):
    dt = NAME[t.dtype]
    shape = '[' + ','.join(str(s) for s in t.shape) + ']'
    values = [fmt_value(v, dt) for v in t.reshape(-1).tolist()]
    return ' '.join([tag, dt, shape] + values)


def write_row(rid):
    dtypes, cases, fn = ROWS[rid]
    lines = ['# %s: inputs and torch %s outputs, written by make_fixtures.py' % (rid, torch.__version__)]
    for dt in dtypes:
        for k, make in enumerate(cases):
            rng = np.random.default_rng(zlib.crc32(('%s/%s/%d' % (rid, dt, k)).encode()))
            ins = make(rng, dt)
            outs = fn(*[t.clone() for t in ins])
            outs = outs if isinstance(outs, (list, tuple)) else [outs]
            lines.append('case ' + dt)
            lines += [fmt_tensor('in', t) for t in ins]
            lines += [fmt_tensor('out', t.contiguous()) for t in outs]
            lines.append('end')
    with open(os.path.join(OUT_DIR, rid + '.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    torch.set_num_threads(1)
    check_pad_against_torch()
    elementwise_rows()
    reduction_rows()
    structure_rows()
    linalg_rows()
    os.makedirs(OUT_DIR, exist_ok=True)
    for old in os.listdir(OUT_DIR):
        if old.endswith('.txt'):
            os.remove(os.path.join(OUT_DIR, old))
    for rid in sorted(ROWS):
        write_row(rid)
    total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))
    print('wrote %d fixture files (%d bytes) to %s' % (len(ROWS), total, OUT_DIR))


if __name__ == '__main__':
    main()
