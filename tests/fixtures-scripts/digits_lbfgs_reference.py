#!/usr/bin/python3
"""Reference optimum for the digits softmax objective, computed with SciPy's L-BFGS-B.

Objective (same as tests/LossGen.Tests/Optimization/DigitsSoftmaxObjective.cs):
    X = pixel / 16 (1797 x 64), y in 0..9, W (64 x 10, row-major), b (10),
    L = mean_i [logsumexp(s_i) - s_i[y_i]] + 1e-3 * sum(W^2),  s = X W + b.
Parameters are packed as theta = [W row-major (640), b (10)], starting from zeros.

Tolerances are much tighter than SciPy's defaults so the recorded loss is the minimum value to
far better than the 1e-6 relative the C# test asserts (the objective is flat along b + c*1, so
only the value, not the minimiser, is unique). A default-tolerance run is recorded too, for the
iteration count a user of SciPy would see.

Usage: /usr/bin/python3 tests/fixtures-scripts/digits_lbfgs_reference.py /work/shared/data/digits.csv OUT.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.optimize import minimize

LAMBDA = 1e-3
D, C = 64, 10


def load(path):
    data = np.loadtxt(path, delimiter=",", dtype=np.float64)
    return data[:, :D] / 16.0, data[:, D].astype(np.int64)


def objective(theta, X, y):
    n = X.shape[0]
    W = theta[: D * C].reshape(D, C)
    b = theta[D * C:]
    s = X @ W + b
    m = s.max(axis=1, keepdims=True)           # shift so exp never overflows
    e = np.exp(s - m)
    z = e.sum(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(z[:, 0])
    loss = np.mean(lse - s[np.arange(n), y]) + LAMBDA * np.sum(W * W)
    ds = e / z
    ds[np.arange(n), y] -= 1.0
    ds /= n
    gW = X.T @ ds + 2.0 * LAMBDA * W
    gb = ds.sum(axis=0)
    return loss, np.concatenate([gW.ravel(), gb])


def accuracy(theta, X, y):
    W = theta[: D * C].reshape(D, C)
    b = theta[D * C:]
    return float(np.mean(np.argmax(X @ W + b, axis=1) == y))


def main():
    X, y = load(sys.argv[1])
    x0 = np.zeros(D * C + C)
    tight = minimize(objective, x0, args=(X, y), jac=True, method="L-BFGS-B",
                     options={"maxcor": 10, "ftol": 1e-15, "gtol": 1e-11,
                              "maxiter": 100000, "maxfun": 200000})
    default = minimize(objective, x0, args=(X, y), jac=True, method="L-BFGS-B")
    _, g = objective(tight.x, X, y)
    out = {
        "description": "digits softmax, pixel/16, mean CE + 1e-3*sum(W^2), b unregularized, x0 = 0",
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "optimal_loss": float(tight.fun),
        "optimal_loss_repr": repr(float(tight.fun)),
        "gradient_norm": float(np.linalg.norm(g)),
        "iterations": int(tight.nit),
        "evaluations": int(tight.nfev),
        "message": str(tight.message),
        "train_accuracy": accuracy(tight.x, X, y),
        "default_tolerances": {
            "loss": float(default.fun),
            "iterations": int(default.nit),
            "evaluations": int(default.nfev),
            "message": str(default.message),
        },
    }
    with open(sys.argv[2], "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
