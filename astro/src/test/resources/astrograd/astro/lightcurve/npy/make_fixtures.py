"""Writes the .npy fixtures of NpyTest with NumPy (run: python3 make_fixtures.py in this folder).

Every array holds x[i, j] = 1.5 * (3 * i + j) - 2 for shape (2, 3), in the dtype of its name.
"""
import numpy as np

base = (1.5 * np.arange(6) - 2).reshape(2, 3)
for dtype in ["<f8", ">f8", "<f4", ">f4", "<i8", "<i4"]:
    arr = base.astype(dtype) if dtype[1] == "f" else np.round(base * 2).astype(dtype)
    name = dtype.replace("<", "le_").replace(">", "be_")
    np.save(f"{name}.npy", arr)
np.save("fortran.npy", np.asfortranarray(base))
np.lib.format.write_array(open("v2.npy", "wb"), base, version=(2, 0))
np.save("f2.npy", base.astype("<f2"))
np.save("vector.npy", np.array([3.25, -1.0, 1e300]))
