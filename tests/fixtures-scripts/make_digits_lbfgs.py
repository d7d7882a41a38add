"""Golden full-batch optimum: linear softmax classifier on the UCI digits, solved by SciPy L-BFGS-B.

Objective (ours): L(W, b) = (1/N) sum_i cross_entropy(x_i W + b, y_i) + lam * sum W^2, with
x_i = pixels / 16, W [64, 10], b [10] (not regularized), lam = 1e-3, starting from zeros.

The analytic numpy gradient is checked against torch autograd before the solve, and the value at
the optimum is re-evaluated with torch. The dataset itself (integer pixels and labels) is stored
in the fixture so a C# test can re-evaluate the objective and its gradient at the stored optimum
without the shared data folder.

Writes digits_softmax_lbfgs.json.
"""
import os

import numpy as np
import scipy.optimize
import torch
import torch.nn.functional as F

from common import assert_close, provenance, tensor, write_json

SCRIPT = "make_digits_lbfgs.py"
DATA = "/work/shared/data/digits.csv"
LAM = 1e-3
D, C = 64, 10
OPTIONS = {"gtol": 1e-10, "ftol": 1e-15, "maxiter": 5000, "maxfun": 100000}


def load():
    raw = np.loadtxt(DATA, delimiter=",", dtype=np.int64)
    assert raw.shape == (1797, 65), raw.shape
    pixels, labels = raw[:, :64], raw[:, 64]
    assert pixels.min() >= 0 and pixels.max() <= 16 and set(labels) == set(range(10))
    return pixels, labels


def unpack(theta):
    return theta[:D * C].reshape(D, C), theta[D * C:]


def objective(theta, x, y):
    """Value and gradient in float64 numpy, max-shifted so exp never overflows."""
    w, b = unpack(theta)
    n = x.shape[0]
    s = x @ w + b
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    z = e.sum(axis=1, keepdims=True)
    data = np.mean(np.log(z[:, 0]) - s[np.arange(n), y])
    p = e / z
    p[np.arange(n), y] -= 1.0
    p /= n
    dw = x.T @ p + 2.0 * LAM * w
    db = p.sum(axis=0)
    return data + LAM * np.sum(w * w), np.concatenate([dw.ravel(), db])


def hessian(theta, x):
    """Exact Hessian in the packed [W row-major, b] order.

    With x~ = [x, 1] the packed parameters are exactly the row-major [65, 10] matrix [W; b], so
    H = (1/N) sum_i kron(x~_i x~_i^T, diag(p_i) - p_i p_i^T) + 2 lam on the W diagonal.
    """
    w, b = unpack(theta)
    n = x.shape[0]
    xt = np.hstack([x, np.ones((n, 1))])
    s = x @ w + b
    p = np.exp(s - s.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    k = xt.shape[1]
    h = np.zeros((k, C, k, C))
    for c in range(C):
        h[:, c, :, c] = (xt * p[:, c:c + 1]).T @ xt / n
    q = (xt[:, :, None] * p[:, None, :]).reshape(n, k * C)
    h = h.reshape(k * C, k * C) - q.T @ q / n
    h[np.arange(D * C), np.arange(D * C)] += 2.0 * LAM
    return h


def newton_polish(theta, x, y, steps=4):
    """Finish the solve with exact Newton steps.

    L-BFGS-B stops once relative changes of f fall under ~eps (f itself is only known to ~1e-17),
    which leaves |grad| ~ 1e-8, i.e. parameters good to ~1e-5 since the weakest curvature is 2 lam.
    Newton steps on the exact Hessian push |grad| to rounding level. The Hessian has one null
    direction (a constant added to all of b); lstsq's minimum-norm step never moves along it.
    """
    for _ in range(steps):
        _, g = objective(theta, x, y)
        step = np.linalg.lstsq(hessian(theta, x), -g, rcond=None)[0]
        theta = theta + step
    return theta


def torch_objective(theta, x, y):
    t = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    w, b = t[:D * C].reshape(D, C), t[D * C:]
    loss = F.cross_entropy(torch.tensor(x) @ w + b, torch.tensor(y)) + LAM * (w * w).sum()
    loss.backward()
    return float(loss), t.grad.numpy().copy()


def main():
    pixels, labels = load()
    x = pixels / 16.0

    # Analytic gradient vs autograd at the start point and at a random point.
    g = np.random.default_rng(7)
    for theta in (np.zeros(D * C + C), g.normal(0, 0.5, D * C + C)):
        v, gr = objective(theta, x, labels)
        tv, tg = torch_objective(theta, x, labels)
        assert_close(v, tv, rtol=1e-13, what="objective vs torch")
        assert_close(gr, tg, rtol=1e-10, atol=1e-14, what="gradient vs torch autograd")

    theta0 = np.zeros(D * C + C)
    res = scipy.optimize.minimize(objective, theta0, args=(x, labels), jac=True, method="L-BFGS-B",
                                  options=OPTIONS)
    theta = res.x
    value, grad = objective(theta, x, labels)
    tv, tg = torch_objective(theta, x, labels)
    assert_close(value, tv, rtol=1e-13, what="optimum value vs torch")
    w, b = unpack(theta)
    pred = np.argmax(x @ w + b, axis=1)
    acc = float(np.mean(pred == labels))
    gnorm = float(np.linalg.norm(grad))
    data_loss = value - LAM * float(np.sum(w * w))
    print(f"digits L-BFGS-B: loss={value!r} |grad|={gnorm:.3e} max|grad|={np.abs(grad).max():.3e} "
          f"nit={res.nit} nfev={res.nfev} acc={acc:.4f} status={res.status} msg={res.message}")
    # The point of this fixture is a converged optimum; refuse to record a half-solved one.
    assert gnorm < 1e-6, gnorm
    assert 0.95 < acc < 1.0, acc

    polished = newton_polish(theta, x, labels)
    pvalue, pgrad = objective(polished, x, labels)
    pw, pb = unpack(polished)
    print(f"Newton polish: loss={pvalue!r} |grad|={np.linalg.norm(pgrad):.3e} "
          f"max|dW|={np.abs(pw - w).max():.3e} max|db-mean|={np.abs((pb - pb.mean()) - (b - b.mean())).max():.3e} "
          f"sum(b)={b.sum():.3e}")
    assert np.linalg.norm(pgrad) < 1e-12
    assert np.array_equal(np.argmax(x @ pw + pb, axis=1), pred)

    doc = {
        "family": "digits_softmax_lbfgs",
        "definition": "L(W, b) = (1/N) sum_i cross_entropy(x_i W + b, y_i) + lambda * sum W^2, "
                      "x_i = pixels_i / 16, W [64, 10] row-major (pixel-major), b [10] not regularized, "
                      "lambda = 1e-3, start W = 0, b = 0; scipy.optimize.minimize(method='L-BFGS-B') "
                      "with an analytic numpy gradient (checked against torch autograd).",
        "notes": "The objective is invariant to adding a constant to every entry of b, so b is only "
                 "defined up to that shift; every gradient w.r.t. b sums to zero, so starting from zero "
                 "the solver keeps sum(b) ~ 0. Compare b after subtracting its mean. W is unique "
                 "(lambda > 0), and each row of W sums to ~0 across classes at the optimum. Pixel "
                 "columns that are always 0 get W rows of exactly ~0.",
    }
    doc.update(provenance(SCRIPT))
    doc.update({
        "lambda": LAM,
        "scipy_options": OPTIONS,
        "scipy_message": str(res.message),
        "scipy_status": int(res.status),
        "iterations": int(res.nit),
        "function_evaluations": int(res.nfev),
        "loss": float(value),
        "data_loss": float(data_loss),
        "reg_loss": float(value - data_loss),
        "initial_loss": float(objective(theta0, x, labels)[0]),
        "grad_norm": gnorm,
        "grad_max_abs": float(np.abs(grad).max()),
        "train_accuracy": acc,
        "train_correct": int(np.sum(pred == labels)),
        "W": tensor(w),
        "b": tensor(b),
        # The same optimum to rounding level (see newton_polish); use it for tight comparisons of
        # W and b, and the L-BFGS-B point above for what a quasi-Newton solver actually reaches.
        "newton_polished": {
            "loss": float(pvalue),
            "grad_norm": float(np.linalg.norm(pgrad)),
            "max_abs_diff_W_vs_lbfgs": float(np.abs(pw - w).max()),
            "W": tensor(pw),
            "b": tensor(pb),
        },
        "data": {
            "source": "UCI Optical Recognition of Handwritten Digits (test portion), E. Alpaydin and "
                      "C. Kaynak (1998), https://archive.ics.uci.edu/dataset/80, CC BY 4.0; the copy "
                      "scikit-learn distributes (via /work/shared/data/digits.csv).",
            "pixels": tensor(pixels, "int"),
            "labels": tensor(labels, "int"),
        },
    })
    write_json("digits_softmax_lbfgs.json", doc)


if __name__ == "__main__":
    main()
