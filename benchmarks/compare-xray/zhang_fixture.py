"""Writes astro/src/test/resources/xray/zhang_stingray.csv: stingray's pds_model_zhang (stingray/deadtime/model.py
@ 840569c6, MIT) evaluated with its own code. The module is loaded from the stingray source with numba's decorators
replaced by no-ops (numba and stingray are not installed here); nothing else of stingray is imported.

Usage: /usr/bin/python3 benchmarks/compare-xray/zhang_fixture.py PATH/TO/stingray/deadtime/model.py
"""
import sys
import types

import numpy as np

fake_utils = types.ModuleType("stingray.utils")
fake_utils.njit = lambda *a, **k: (lambda f: f)
fake_utils.prange = range
fake_logging = types.ModuleType("stingray.loggingconfig")
fake_logging.setup_logger = lambda: __import__("logging").getLogger("zhang")
sys.modules.update({"stingray": types.ModuleType("stingray"), "stingray.utils": fake_utils,
                    "stingray.loggingconfig": fake_logging})
source = open(sys.argv[1]).read()
model = types.ModuleType("stingray.deadtime.model")
exec(compile(source, sys.argv[1], "exec"), model.__dict__)

rows = []
for n, rate, td, tb, limit_k in [(100, 100.0, 2.5e-3, 2e-4, 600), (100, 1.0, 2.5e-3, 2e-4, 600),
                                 (64, 1500.0, 42e-6, 1e-4, 60), (200, 300.0, 2.5e-3, 5e-4, 200)]:
    f, p = model.pds_model_zhang(n, rate, td, tb, limit_k=limit_k)
    for fj, pj in zip(f, p):
        rows.append(f"{n},{rate!r},{td!r},{tb!r},{limit_k},{fj!r},{pj!r}")
out = "astro/src/test/resources/xray/zhang_stingray.csv"
with open(out, "w") as fh:
    fh.write("n,rate,dead_time,bin_time,limit_k,freq,power\n" + "\n".join(rows) + "\n")
print("wrote", out, len(rows), "rows")
