"""Broadcast-shape oracle for LossGen's shape pass: random shapes and what numpy says they
broadcast to (or that they do not).

Writes tests/LossGen.Tests/Fixtures/broadcast.json. Standalone (numpy only, no torch), so it
runs anywhere numpy >= 1.20 is installed:

    /usr/bin/python3 tests/fixtures-scripts/make_broadcast.py

Deterministic: a fixed seed, so a rerun leaves git status clean.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "LossGen.Tests", "Fixtures", "broadcast.json")

SEED = 20261121 + 400
CASES = 200

# Small sizes make clashes and ones frequent; 0 is rare but numpy allows it (0 vs 1 gives 0).
SIZES = [0, 1, 1, 2, 3, 3, 4, 5]


def random_shape(rng, max_rank=4):
    # The scalar () is kept rare: it broadcasts with anything and would crowd out real cases.
    rank = 0 if rng.random() < 0.05 else int(rng.integers(1, max_rank + 1))
    return [int(rng.choice(SIZES)) for _ in range(rank)]


def operand_of(rng, target):
    """A shape that broadcasts to `target`: a suffix of it with some dims turned into 1."""
    keep = len(target) if rng.random() < 0.5 else int(rng.integers(0, len(target) + 1))
    suffix = target[len(target) - keep:]
    return [1 if rng.random() < 0.3 else d for d in suffix]


def case(rng):
    count = 2 if rng.random() < 0.8 else 3
    if rng.random() < 0.5:
        # Purely random operands: mostly errors, which is the interesting half.
        shapes = [random_shape(rng) for _ in range(count)]
    else:
        # Operands derived from one target, sometimes with a dimension perturbed, so successes
        # of every rank and near-misses both appear.
        target = random_shape(rng)
        shapes = [operand_of(rng, target) for _ in range(count)]
        if rng.random() < 0.5:
            s = shapes[int(rng.integers(0, count))]
            if s:
                s[int(rng.integers(0, len(s)))] = int(rng.choice(SIZES))
    try:
        result = [int(d) for d in np.broadcast_shapes(*[tuple(s) for s in shapes])]
    except ValueError:
        result = None
    return {"shapes": shapes, "result": result}


def main():
    rng = np.random.default_rng(SEED)
    cases = [case(rng) for _ in range(CASES)]
    ok = sum(c["result"] is not None for c in cases)
    # A fixture that tests only one outcome would not catch much.
    assert 0.3 * CASES < ok < 0.8 * CASES, ok
    doc = {
        "provenance": {
            "generator": "tests/fixtures-scripts/make_broadcast.py",
            "oracle": "numpy.broadcast_shapes",
            "numpy_version": np.__version__,
            "seed": SEED,
        },
        "cases": cases,
    }
    # One case per line keeps the file short and its diffs readable.
    lines = ",\n  ".join(json.dumps(c) for c in cases)
    head = json.dumps(doc["provenance"])
    with open(OUT, "w") as f:
        f.write('{\n "provenance": ' + head + ',\n "cases": [\n  ' + lines + "\n ]\n}\n")
    with open(OUT) as f:
        assert json.load(f) == doc
    print(f"wrote {OUT}: {len(cases)} cases, {ok} broadcast, {len(cases) - ok} errors")


if __name__ == "__main__":
    main()
