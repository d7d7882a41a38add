"""Shared helpers for the fixture scripts: tensor encoding, float32 rounding, JSON output.

Every fixture is plain JSON so the C# tests need nothing but System.Text.Json. Floats are
written with Python's repr (shortest text that round-trips a float64), so no precision is lost;
a float32 value is widened to float64 first, which is exact, so the C# side can recover the
float32 bit pattern with a plain (float) cast.
"""
import json
import math
import os
import platform

import numpy as np
import scipy
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(REPO, "tests", "LossGen.Tests", "Fixtures")

# One seed for the whole suite; each family derives its own stream from it so adding a case
# to one script does not shift the random inputs of another.
BASE_SEED = 20261121

# Keep fixtures reviewable and cheap to load in tests.
MAX_BYTES = 1_000_000

TORCH_DTYPES = {"float64": torch.float64, "float32": torch.float32}


def rng(family_offset):
    return np.random.default_rng(BASE_SEED + family_offset)


def provenance(script_name):
    """Versions of the oracle, so a changed number can be traced to a changed library."""
    return {
        "generator": "tests/fixtures-scripts/" + script_name,
        "regenerate": "/usr/bin/python3 tests/fixtures-scripts/make_all.py",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "python_version": platform.python_version(),
    }


def as_dtype(a, dtype):
    """Round an array to the case dtype and return it as float64 numpy (exact widening)."""
    a = np.asarray(a, dtype=np.float64)
    if dtype == "float32":
        return a.astype(np.float32).astype(np.float64)
    return a


def tensor(a, kind="float"):
    """Encode an array as {shape, kind, data}, flattened row-major (C order)."""
    a = np.asarray(a)
    shape = [int(d) for d in a.shape]
    flat = a.reshape(-1, order="C")
    if kind == "int":
        data = [int(v) for v in flat]
    else:
        data = [finite(float(v)) for v in flat]
    return {"shape": shape, "kind": kind, "data": data}


def from_torch(t):
    """A torch tensor (any float dtype) to float64 numpy, exactly."""
    return t.detach().to(torch.float64).cpu().numpy()


def scalar(t):
    return finite(float(t.detach().to(torch.float64).item())) if torch.is_tensor(t) else finite(float(t))


def finite(x):
    # JSON has no Infinity/NaN; a non-finite reference value would be a bug in the fixture.
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x!r} in a fixture")
    return x


def write_json(name, obj):
    os.makedirs(FIXTURES, exist_ok=True)
    path = os.path.join(FIXTURES, name)
    text = json.dumps(obj, indent=1, allow_nan=False)
    # Arrays of numbers one per line make files long; keep the indentation for objects but
    # put each flat number list on one line so a diff stays readable.
    text = _compact_number_lists(text)
    if len(text.encode()) > MAX_BYTES:
        raise ValueError(f"{name} is {len(text)} bytes, over the {MAX_BYTES} budget")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")
    print(f"wrote {os.path.relpath(path, REPO)} ({len(text)} bytes)")


def _compact_number_lists(text):
    import re

    pattern = re.compile(r"\[\s*((?:-?[0-9][0-9eE.+\-]*\s*,\s*)*-?[0-9][0-9eE.+\-]*)\s*\]")
    return pattern.sub(lambda m: "[" + ", ".join(p.strip() for p in m.group(1).split(",")) + "]", text)


def assert_close(a, b, rtol, atol=0.0, what=""):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or not np.allclose(a, b, rtol=rtol, atol=atol):
        raise AssertionError(f"{what}: mismatch\n{a}\nvs\n{b}")
