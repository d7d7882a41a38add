"""Golden fixtures for the data losses, the regularizers and the full linear-classifier objectives.

The oracle is PyTorch (values and autograd gradients). Each family is also recomputed here with
a plain numpy double loop written straight from OUR definition; the script refuses to write a
fixture when the two disagree, so a misuse of a torch API (e.g. forgetting that MultiMarginLoss
divides by C) cannot end up in a golden file.

Every case exists twice: dtype "float64", and a "float32" twin whose inputs are the float64
inputs rounded to float32 and whose reference numbers come from torch computing in float32.
A float32 twin also carries "float64_reference": torch in float64 on the very same (rounded)
inputs, so a C# float kernel can be judged against the exact answer as well as against torch's
own float32 rounding.

Run through make_all.py; writes svm.json, svm_squared.json, softmax.json, binary_hinge.json,
least_squares.json, l2.json, l1.json, elastic_net.json, linear_svm.json, linear_softmax.json.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import (TORCH_DTYPES, as_dtype, assert_close, from_torch, provenance, rng, scalar,
                    tensor, write_json)

SCRIPT = "make_losses.py"

# Random inputs are redrawn until every hinge margin is at least this far from its kink, in both
# dtypes, so the subgradient convention never decides a golden gradient by accident.
KINK_CLEARANCE = 1e-3

SEED_SCORES = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
SEED_LABELS = [0, 1, 2]

# Small shapes chosen to hit the edges a kernel gets wrong: a tiny square, odd sizes that are
# not a multiple of any vector width, 10 classes, a single class (the sum over j != y is empty)
# and a single row (the mean is over one example).
SCORE_SHAPES = [("rand_3x3", 3, 3), ("rand_7x5", 7, 5), ("rand_16x10", 16, 10),
                ("one_class_5x1", 5, 1), ("one_row_1x4", 1, 4)]


# ---------------------------------------------------------------------------------------------
# Torch oracles. Each takes float64 numpy inputs already rounded to the case dtype and returns
# (value, {grad name: array}, per-example losses or None, parts dict or None).

def t(a, dtype, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=TORCH_DTYPES[dtype], requires_grad=grad)


def torch_svm(inp, params, dtype, p):
    s = t(inp["s"], dtype, grad=True)
    y = torch.tensor(inp["y"], dtype=torch.long)
    c = s.shape[1]
    # torch averages each row over all C classes; our definition sums over j != y, so undo it.
    loss = F.multi_margin_loss(s, y, p=p, margin=params["delta"], reduction="mean") * c
    per = F.multi_margin_loss(s.detach(), y, p=p, margin=params["delta"], reduction="none") * c
    loss.backward()
    return loss, {"s": s.grad}, per, None


def torch_softmax(inp, params, dtype):
    s = t(inp["s"], dtype, grad=True)
    y = torch.tensor(inp["y"], dtype=torch.long)
    loss = F.cross_entropy(s, y)
    per = F.cross_entropy(s.detach(), y, reduction="none")
    loss.backward()
    return loss, {"s": s.grad}, per, None


def torch_binary_hinge(inp, params, dtype):
    x, y = t(inp["X"], dtype), t(inp["y"], dtype)
    w = t(inp["w"], dtype, grad=True)
    per = torch.relu(1 - y * (x @ w))
    loss = per.mean()
    loss.backward()
    return loss, {"w": w.grad}, per, None


def torch_least_squares(inp, params, dtype):
    x, y = t(inp["X"], dtype), t(inp["y"], dtype)
    w = t(inp["w"], dtype, grad=True)
    per = (y - x @ w) ** 2
    loss = per.mean()
    loss.backward()
    return loss, {"w": w.grad}, per, None


def torch_l2(inp, params, dtype):
    w = t(inp["W"], dtype, grad=True)
    loss = (w * w).sum()
    loss.backward()
    return loss, {"W": w.grad}, None, None


def torch_l1(inp, params, dtype):
    w = t(inp["W"], dtype, grad=True)
    loss = w.abs().sum()
    loss.backward()
    return loss, {"W": w.grad}, None, None


def torch_elastic(inp, params, dtype):
    w = t(inp["W"], dtype, grad=True)
    loss = (params["beta"] * w * w + w.abs()).sum()
    loss.backward()
    return loss, {"W": w.grad}, None, None


def torch_linear(inp, params, dtype, data_loss):
    x = t(inp["X"], dtype)
    w = t(inp["W"], dtype, grad=True)
    b = t(inp["b"], dtype, grad=True)
    y = torch.tensor(inp["y"], dtype=torch.long)
    s = x @ w + b
    if data_loss == "svm":
        data = F.multi_margin_loss(s, y, p=1, margin=params["delta"], reduction="mean") * s.shape[1]
    else:
        data = F.cross_entropy(s, y)
    reg = params["lambda"] * (w * w).sum()
    loss = data + reg
    loss.backward()
    return loss, {"W": w.grad, "b": b.grad}, None, {"data_loss": data, "reg_loss": reg}


# ---------------------------------------------------------------------------------------------
# Independent numpy double loops, straight from the definitions (float64 only).

def np_svm(inp, params, p):
    s, y, delta = np.asarray(inp["s"]), inp["y"], params["delta"]
    n, c = s.shape
    g = np.zeros_like(s)
    per = np.zeros(n)
    for i in range(n):
        for j in range(c):
            if j == y[i]:
                continue
            m = s[i, j] - s[i, y[i]] + delta
            if m > 0:
                per[i] += m ** p
                d = 1.0 if p == 1 else 2.0 * m
                g[i, j] += d / n
                g[i, y[i]] -= d / n
    return per.mean(), {"s": g}, per


def np_softmax(inp, params):
    s, y = np.asarray(inp["s"]), inp["y"]
    n, c = s.shape
    g = np.zeros_like(s)
    per = np.zeros(n)
    for i in range(n):
        z = s[i] - s[i].max()
        e = np.exp(z)
        per[i] = np.log(e.sum()) - z[y[i]]
        g[i] = e / e.sum() / n
        g[i, y[i]] -= 1.0 / n
    return per.mean(), {"s": g}, per


def np_binary_hinge(inp, params):
    x, y, w = map(np.asarray, (inp["X"], inp["y"], inp["w"]))
    per = np.maximum(0, 1 - y * (x @ w))
    active = (1 - y * (x @ w)) > 0
    g = -(active * y) @ x / len(y)
    return per.mean(), {"w": g}, per


def np_least_squares(inp, params):
    x, y, w = map(np.asarray, (inp["X"], inp["y"], inp["w"]))
    r = y - x @ w
    return (r ** 2).mean(), {"w": -2 * r @ x / len(y)}, r ** 2


def np_reg(inp, params, kind):
    w = np.asarray(inp["W"])
    if kind == "l2":
        return (w ** 2).sum(), {"W": 2 * w}, None
    if kind == "l1":
        return np.abs(w).sum(), {"W": np.sign(w)}, None
    beta = params["beta"]
    return (beta * w ** 2 + np.abs(w)).sum(), {"W": 2 * beta * w + np.sign(w)}, None


def np_linear(inp, params, data_loss):
    x, w, b = map(np.asarray, (inp["X"], inp["W"], inp["b"]))
    s = x @ w + b
    sinp = {"s": s, "y": inp["y"]}
    if data_loss == "svm":
        v, g, _ = np_svm(sinp, params, 1)
    else:
        v, g, _ = np_softmax(sinp, params)
    ds = g["s"]
    lam = params["lambda"]
    return v + lam * (w ** 2).sum(), {"W": x.T @ ds + 2 * lam * w, "b": ds.sum(axis=0)}, None


# ---------------------------------------------------------------------------------------------
# Input generators.

def svm_margins(s, y, delta):
    s = np.asarray(s)
    n, c = s.shape
    return np.array([s[i, j] - s[i, y[i]] + delta for i in range(n) for j in range(c) if j != y[i]])


def clear_of_kinks(values):
    return values.size == 0 or np.min(np.abs(values)) > KINK_CLEARANCE


def score_inputs(g, n, c, delta=None, scale=1.5):
    while True:
        s = g.normal(0.0, scale, size=(n, c))
        y = g.integers(0, c, size=n)
        if delta is None:
            return {"s": s, "y": y}
        if all(clear_of_kinks(svm_margins(as_dtype(s, d), y, delta)) for d in ("float64", "float32")):
            return {"s": s, "y": y}


def stability_inputs(big):
    # Rows chosen so that a kernel which skips the max-shift overflows (exp(1e4) is inf even in
    # double) or loses everything to cancellation: label on the huge entry, label on the tiny
    # entry while another entry is huge, a row entirely at +big (uniform softmax), a row
    # entirely at -big, and huge values mixed with ordinary ones.
    s = np.array([
        [big, 0.5, -1.0, 2.0, 0.0],
        [big, 0.5, -big, 2.0, 0.0],
        [big, big, big, big, big],
        [-big, -big, -big, -big, -big],
        [big, -big, 3.0, big, -2.0],
        [1.0, 2.0, 3.0, -big, 0.25],
    ])
    y = np.array([0, 2, 3, 1, 0, 3])
    return {"s": s, "y": y}


def vector_inputs(g, n, d, kind):
    while True:
        x = g.normal(0.0, 1.0, size=(n, d))
        w = g.normal(0.0, 0.5, size=d)
        if kind == "hinge":
            y = g.choice([-1.0, 1.0], size=n)
            ok = all(clear_of_kinks(1 - as_dtype(y, dt) * (as_dtype(x, dt) @ as_dtype(w, dt)))
                     for dt in ("float64", "float32"))
            if ok:
                return {"X": x, "w": w, "y": y}
        else:
            w_true = g.normal(0.0, 1.0, size=d)
            y = x @ w_true + g.normal(0.0, 0.3, size=n)
            return {"X": x, "w": w, "y": y}


def matrix_inputs(g, d, c):
    while True:
        w = g.normal(0.0, 0.7, size=(d, c))
        if np.min(np.abs(as_dtype(w, "float32"))) > KINK_CLEARANCE:
            return {"W": w}


def linear_inputs(g, n, d, c, svm):
    while True:
        x = g.normal(0.0, 1.0, size=(n, d))
        w = g.normal(0.0, 0.4, size=(d, c))
        b = g.normal(0.0, 0.2, size=c)
        y = g.integers(0, c, size=n)
        if not svm:
            return {"X": x, "W": w, "b": b, "y": y}
        ok = True
        for dt in ("float64", "float32"):
            s = from_torch(t(x, dt) @ t(w, dt) + t(b, dt))
            ok = ok and clear_of_kinks(svm_margins(s, y, 1.0))
        if ok:
            return {"X": x, "W": w, "b": b, "y": y}


# ---------------------------------------------------------------------------------------------
# Case assembly.

INT_INPUTS = {"y"}  # labels of the multiclass losses; binary hinge labels are floats (+-1)


def build_case(name, description, inputs, params, oracle, check, int_labels=True, tol=1e-12):
    """Both dtype variants of one case, cross-checked against the numpy loop."""
    out = []
    for dtype in ("float64", "float32"):
        inp = {}
        for k, v in inputs.items():
            if k in INT_INPUTS and int_labels:
                inp[k] = np.asarray(v, dtype=np.int64)
            else:
                inp[k] = as_dtype(v, dtype)
        value, grads, per, parts = oracle(inp, params, dtype)
        # Independent recomputation in double on the same (rounded) inputs.
        ref_v, ref_g, ref_per = check(inp, params)
        value64, grads64, per64, parts64 = oracle(inp, params, "float64")
        assert_close(scalar(value64), ref_v, rtol=tol, atol=tol, what=f"{name} value vs numpy")
        for k in ref_g:
            assert_close(from_torch(grads64[k]), ref_g[k], rtol=tol, atol=tol, what=f"{name} d{k} vs numpy")
        if ref_per is not None:
            assert_close(from_torch(per64), ref_per, rtol=tol, atol=tol, what=f"{name} per-example vs numpy")
        case = {
            "name": name,
            "dtype": dtype,
            "description": description,
            "params": params,
            "inputs": {k: tensor(v, "int" if (k in INT_INPUTS and int_labels) else "float")
                       for k, v in inp.items()},
            "value": scalar(value),
            "grads": {k: tensor(from_torch(g)) for k, g in grads.items()},
        }
        if per is not None:
            case["per_example"] = tensor(from_torch(per))
        if parts is not None:
            case["parts"] = {k: scalar(v) for k, v in parts.items()}
        if dtype == "float32":
            case["float64_reference"] = {
                "value": scalar(value64),
                "grads": {k: tensor(from_torch(g)) for k, g in grads64.items()},
            }
            # torch's float32 answer must still be near the exact one, or the twin is useless.
            rel = abs(scalar(value) - scalar(value64)) / max(1.0, abs(scalar(value64)))
            assert rel < 1e-5, f"{name} float32 drifted: {scalar(value)} vs {scalar(value64)}"
        out.append(case)
    return out


def family(name, definition, cases, notes=None):
    doc = {"family": name, "definition": definition}
    if notes:
        doc["notes"] = notes
    doc.update(provenance(SCRIPT))
    doc["cases"] = cases
    write_json(name + ".json", doc)


# ---------------------------------------------------------------------------------------------

def seed_example_checks():
    """The worked example from the course notes must hold exactly as the seed states it."""
    inp = {"s": np.array(SEED_SCORES), "y": np.array(SEED_LABELS)}
    v, _, per, _ = torch_svm(inp, {"delta": 1.0}, "float64", 1)
    per = from_torch(per)
    assert_close(per, [2.9, 0.0, 12.9], rtol=0, atol=1e-12, what="seed SVM per-example")
    assert abs(scalar(v) - 5.2667) < 1e-4, scalar(v)
    v, _, per, _ = torch_softmax(inp, {}, "float64")
    # Natural log: 2.0404 (the 0.89 on the slide is log10 of the same probability).
    assert abs(from_torch(per)[0] - 2.0404) < 1e-4, from_torch(per)[0]


def make_svm(p, offset):
    g = rng(offset)
    oracle = lambda inp, prm, dt: torch_svm(inp, prm, dt, p)
    check = lambda inp, prm: np_svm(inp, prm, p)
    cases = []
    seed = {"s": np.array(SEED_SCORES), "y": np.array(SEED_LABELS)}
    cases += build_case("seed_example", "The course's worked example (3 examples, 3 classes).",
                        seed, {"delta": 1.0}, oracle, check)
    for name, n, c in SCORE_SHAPES:
        cases += build_case(name, f"Random scores N={n}, C={c}, delta=1.",
                            score_inputs(g, n, c, delta=1.0), {"delta": 1.0}, oracle, check)
    cases += build_case("delta2_7x5", "Random scores N=7, C=5 with margin delta=2.",
                        score_inputs(g, 7, 5, delta=2.0), {"delta": 2.0}, oracle, check)
    # Margins exactly zero: s_j - s_y + 1 == 0 for some pairs, all values dyadic so both dtypes
    # hold them exactly. Records torch's convention, which counts a hinge only when margin > 0.
    kink = {"s": np.array([[2.0, 1.0, 0.5, 3.0], [0.25, -0.75, 1.25, 0.25], [1.0, 0.0, 0.0, -2.0]]),
            "y": np.array([0, 2, 1])}
    assert np.any(svm_margins(kink["s"], kink["y"], 1.0) == 0.0)
    cases += build_case("at_kink", "Several margins exactly 0; torch treats max(0, m) at m == 0 "
                        "as inactive (gradient 0), i.e. the hinge is active only for m > 0.",
                        kink, {"delta": 1.0}, oracle, check)
    return cases


def main():
    seed_example_checks()

    family("svm",
           "L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_{i,y_i} + delta); s [N, C] row = example, "
           "y int in [0, C). grads.s = dL/ds. per_example = L_i (before the mean). "
           "Oracle: torch.nn.functional.multi_margin_loss(p=1, margin=delta, reduction='mean') * C.",
           make_svm(1, 1),
           notes="torch divides each row by C (and includes no j == y_i term); we multiply by C, so "
                 "float32 values carry torch's extra /C then *C rounding. Hinge active iff margin > 0.")

    family("svm_squared",
           "L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_{i,y_i} + delta)^2. "
           "Oracle: multi_margin_loss(p=2, margin=delta, reduction='mean') * C.",
           make_svm(2, 2))

    g = rng(3)
    cases = []
    seed = {"s": np.array(SEED_SCORES), "y": np.array(SEED_LABELS)}
    cases += build_case("seed_example", "The course's worked example; row 0 loss 2.0404 (natural log).",
                        seed, {}, torch_softmax, np_softmax)
    for name, n, c in SCORE_SHAPES:
        cases += build_case(name, f"Random scores N={n}, C={c}.", score_inputs(g, n, c, scale=2.0), {},
                            torch_softmax, np_softmax)
    cases += build_case("stability_1e4", "Scores containing +-1e4: exp overflows without a max shift.",
                        stability_inputs(1e4), {}, torch_softmax, np_softmax)
    cases += build_case("stability_1e30", "Scores containing +-1e30; losses near 2e30 stay finite.",
                        stability_inputs(1e30), {}, torch_softmax, np_softmax)
    family("softmax",
           "L = (1/N) sum_i [ -s_{i,y_i} + log sum_j exp(s_ij) ] (natural log); "
           "oracle torch.nn.functional.cross_entropy(s, y) with reduction='mean'.",
           cases)

    g = rng(4)
    cases = []
    for n, d in [(1, 6), (5, 8), (16, 12), (33, 10)]:
        cases += build_case(f"rand_{n}x{d}", f"Random X [{n}, {d}], w [{d}], y in {{-1, +1}}.",
                            vector_inputs(g, n, d, "hinge"), {}, torch_binary_hinge, np_binary_hinge,
                            int_labels=False)
    family("binary_hinge",
           "L = (1/N) sum_i max(0, 1 - y_i * (w . x_i)); X [N, D] constant, w [D], y [N] floats in "
           "{-1, +1}; grads.w = dL/dw.",
           cases)

    g = rng(5)
    cases = []
    for n, d in [(1, 6), (5, 8), (16, 12), (33, 10)]:
        cases += build_case(f"rand_{n}x{d}", f"Random X [{n}, {d}], w [{d}], y = X w_true + noise.",
                            vector_inputs(g, n, d, "ls"), {}, torch_least_squares, np_least_squares,
                            int_labels=False)
    family("least_squares",
           "L = (1/N) sum_i (y_i - w . x_i)^2 (no 1/2 factor); X [N, D] constant, w [D], y [N]; "
           "grads.w = dL/dw.",
           cases)

    for fam, offset, oracle, definition, params in [
        ("l2", 6, torch_l2, "R = sum W^2 (no 1/2, no lambda); grads.W = 2 W.", {}),
        ("l1", 7, torch_l1, "R = sum |W|; grads.W = sign(W); no entry of W is near 0.", {}),
        ("elastic_net", 8, torch_elastic, "R = sum (beta W^2 + |W|), beta = 0.5; grads.W = 2 beta W + sign(W).",
         {"beta": 0.5}),
    ]:
        g = rng(offset)
        kind = {"l2": "l2", "l1": "l1", "elastic_net": "elastic"}[fam]
        check = lambda inp, prm, kind=kind: np_reg(inp, prm, kind)
        cases = []
        for d, c in [(6, 3), (10, 10), (12, 5), (1, 1)]:
            cases += build_case(f"rand_{d}x{c}", f"Random W [{d}, {c}], |W| > 1e-3 everywhere.",
                                matrix_inputs(g, d, c), params, oracle, check)
        family(fam, definition + " W [D, C].", cases)

    for fam, offset, data_loss, definition in [
        ("linear_svm", 9, "svm",
         "L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_{i,y_i} + delta) + lambda sum W^2 with "
         "s = X W + b, delta = 1; bias not regularized."),
        ("linear_softmax", 10, "softmax",
         "L = (1/N) sum_i cross_entropy(s_i, y_i) + lambda sum W^2 with s = X W + b; bias not regularized."),
    ]:
        g = rng(offset)
        cases = []
        for n, d, c in [(7, 6, 3), (16, 12, 10), (1, 8, 4)]:
            inputs = linear_inputs(g, n, d, c, data_loss == "svm")
            for lam in (1e-3, 0.1):
                params = {"lambda": lam, "delta": 1.0} if data_loss == "svm" else {"lambda": lam}
                cases += build_case(
                    f"n{n}_d{d}_c{c}_lambda{lam:g}",
                    f"X [{n}, {d}] constant, W [{d}, {c}], b [{c}], lambda = {lam:g}.",
                    inputs, params,
                    lambda inp, prm, dt, dl=data_loss: torch_linear(inp, prm, dt, dl),
                    lambda inp, prm, dl=data_loss: np_linear(inp, prm, dl))
        family(fam, definition + " grads.W = dL/dW [D, C], grads.b = dL/db [C]; parts = data_loss, reg_loss.",
               cases)


if __name__ == "__main__":
    main()
