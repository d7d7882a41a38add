"""Oracle for LossGen's numpy-style (whole-tensor) DSL: each case is one declaration of
tests/LossGen.Tests/Broadcast/WholeTensorCases.cs written again in numpy, its value computed by
numpy's own broadcasting, and its gradients by torch autograd on the same float64 inputs.

Writes tests/LossGen.Tests/Fixtures/whole_tensor.json:

    /usr/bin/python3 tests/fixtures-scripts/make_whole_tensor.py

The numpy value is the oracle for the shapes (a wrong broadcast gives a different number); the
torch value must agree with it to 1e-12, which checks that the two spellings are the same math.
Deterministic: a fixed seed, so a rerun leaves git status clean.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import assert_close, provenance, rng, tensor, write_json  # noqa: E402

FAMILY = 500
N, D, M, C = 7, 5, 6, 4


def logsumexp(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(x - m), axis=axis))


# name -> (inputs as {name: (shape, differentiable)}, numpy function, torch function)
# Each function takes the inputs by name. Labels are drawn separately (see main).
CASES = {
    # (10,20) + (20,) -> (10,20)
    "RowVector": (
        {"A": ((10, 20), True), "b": ((20,), True)},
        lambda A, b: np.sum((A + b) ** 2),
        lambda A, b: torch.sum((A + b) ** 2),
    ),
    # (10,20) + (10,1) -> (10,20)
    "ColumnVector": (
        {"A": ((10, 20), True), "c": ((10, 1), True)},
        lambda A, c: np.sum((A + c) ** 2),
        lambda A, c: torch.sum((A + c) ** 2),
    ),
    # (1,20) + (10,1) -> (10,20); W weighs every element of the result differently.
    "OnesOnBothSides": (
        {"r": ((1, 20), True), "c": ((10, 1), True), "W": ((10, 20), False)},
        lambda r, c, W: np.sum(W * np.tanh(r + c)),
        lambda r, c, W: torch.sum(W * torch.tanh(r + c)),
    ),
    # (30,) + (20,1) + (10,1,1) -> (10,20,30)
    "ThreeRanks": (
        {"x": ((30,), True), "y": ((20, 1), True), "z": ((10, 1, 1), True)},
        lambda x, y, z: np.sum(np.tanh(x + y + z) ** 2),
        lambda x, y, z: torch.sum(torch.tanh(x + y + z) ** 2),
    ),
    # P (N,2) - v^T with v (2,1) -> (N,2)
    "PointsMinusTransposedCenter": (
        {"P": ((N, 2), True), "v": ((2, 1), True)},
        lambda P, v: np.sum((P - v.T) ** 2) + np.sum(np.abs(P - np.transpose(v))),
        lambda P, v: torch.sum((P - v.T) ** 2) + torch.sum(torch.abs(P - v.T)),
    ),
    # sum(X^2, 1, keepdims) + sum(Y^2, 1, keepdims)^T - 2 X Y^T -> (N,M), used whole and indexed
    "PairwiseDistances": (
        {"X": ((N, D), True), "Y": ((M, D), True)},
        lambda X, Y: _pairwise_np(X, Y),
        lambda X, Y: _pairwise_torch(X, Y),
    ),
    # numpy-style linear softmax: s = X W + b, mean logsumexp(s, 1) - mean s[i, y_i]
    "LinearSoftmax": (
        {"X": ((N, D), False), "W": ((D, C), True), "b": ((C,), True)},
        None,  # needs labels; see main
        None,
    ),
    # reductions along axes, negative axes, keepDims, Mean/Max/Min
    "AxisReductions": (
        {"A": ((N, D), True), "B": ((D,), True)},
        lambda A, B: np.sum((np.max(A, axis=0) - np.mean(A, axis=0) + B) ** 2)
        + np.sum(np.min(A, axis=-1, keepdims=True) * A)
        + np.mean(logsumexp(A, 1)),
        lambda A, B: torch.sum((torch.max(A, 0).values - torch.mean(A, 0) + B) ** 2)
        + torch.sum(torch.min(A, -1, keepdim=True).values * A)
        + torch.mean(torch.logsumexp(A, 1)),
    ),
    # Index notation, not numpy style: one name, i, bound over D and then over N in sibling
    # sums. Lower once fused the two loops over i into one (regression).
    "IndexNameReusedAcrossDimensions": (
        {"A": ((N, D), True)},
        lambda A: np.sum(np.max(A, axis=0)) + np.sum(np.min(A, axis=1) * np.sum(A, axis=1)),
        lambda A: torch.sum(torch.max(A, 0).values) + torch.sum(torch.min(A, 1).values * torch.sum(A, 1)),
    ),
}


def _pairwise_np(X, Y):
    d2 = np.sum(X * X, axis=1, keepdims=True) + np.sum(Y * Y, axis=1, keepdims=True).T - 2 * X @ Y.T
    return np.sum(np.sqrt(d2 + 1)) + np.mean(logsumexp(-d2, 1))


def _pairwise_torch(X, Y):
    d2 = torch.sum(X * X, 1, keepdim=True) + torch.sum(Y * Y, 1, keepdim=True).T - 2 * X @ Y.T
    return torch.sum(torch.sqrt(d2 + 1)) + torch.mean(torch.logsumexp(-d2, 1))


def main():
    r = rng(FAMILY)
    cases = []
    for name, (inputs, np_fn, torch_fn) in CASES.items():
        arrays = {k: r.standard_normal(shape) for k, (shape, _) in inputs.items()}
        labels = None
        if name == "LinearSoftmax":
            labels = r.integers(0, C, size=N)
            y = labels

            def np_fn(X, W, b):
                s = X @ W + b
                return np.mean(logsumexp(s, 1)) - np.mean(s[np.arange(N), y])

            def torch_fn(X, W, b):
                s = X @ W + b
                return torch.mean(torch.logsumexp(s, 1)) - torch.mean(s[torch.arange(N), torch.from_numpy(y)])

        value = float(np_fn(**arrays))
        leaves = {k: torch.tensor(a, dtype=torch.float64, requires_grad=inputs[k][1]) for k, a in arrays.items()}
        t_value = torch_fn(**leaves)
        t_value.backward()
        assert_close(float(t_value), value, rtol=1e-12, what=name + " numpy vs torch")
        case = {
            "name": name,
            "inputs": {k: tensor(a) for k, a in arrays.items()},
            "value": value,
            "gradients": {k: tensor(leaves[k].grad.numpy()) for k in arrays if inputs[k][1]},
        }
        if labels is not None:
            case["labels"] = tensor(labels, kind="int")
        cases.append(case)
    write_json("whole_tensor.json", {"provenance": provenance("make_whole_tensor.py"), "cases": cases})


if __name__ == "__main__":
    main()
