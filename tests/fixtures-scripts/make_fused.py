"""Golden trajectories for an optimizer step fused with a regularizer's gradient (float64).

torch has no fused regularizer: it differentiates the penalty as part of the loss. Each step k
here minimises the objective

    L_k(w) = grads[k] . w  +  lambda * R(w)

whose data part has the stored gradient grads[k] (independent of w) and whose penalty is one of
LossGen's built-in regularizers, written from their definitions (no lambda inside R):

    l2           R(w) = sum w^2
    l1           R(w) = sum |w|             (torch: d|w|/dw = sign(w), 0 at w = 0)
    elastic_net  R(w) = sum beta*w^2 + |w|  (beta = 0.5 unless stated)

torch autograd computes the gradient of L_k, and torch.optim takes the step. A C# test feeds
grads[k] and the matching Penalty(lambda) to the generated fused Step and must reproduce every w.

w0 has two exact zeros whose data gradient is 0 at every step: with L1 they must stay exactly 0
(sign(0) = 0 is the subgradient torch and LossGen use); any other choice moves them.
P = 37 is not a multiple of any vector width, so the masked tail of the fused kernel is covered.

Before writing, every trajectory is replayed with the numpy transcriptions of make_optimizers.py
on g + lambda * R'(w), R' written by hand, and must agree to 1e-12.

Writes fused_regularizers.json.
"""
import numpy as np
import torch

from common import assert_close, from_torch, provenance, rng, tensor, write_json
from make_optimizers import np_adagrad, np_adam, np_rmsprop, np_sgd, hyperparams

SCRIPT = "make_fused.py"
P = 37
STEPS = 12
ZEROS = (3, 20)  # w0 = 0 and data gradient 0 at every step


def inputs():
    g = rng(300)
    w0 = g.normal(0.0, 1.0, size=P)
    scales = g.uniform(0.2, 3.0, size=(STEPS, 1))
    grads = g.normal(0.0, 1.0, size=(STEPS, P)) * scales
    for i in ZEROS:
        w0[i] = 0.0
        grads[:, i] = 0.0
    return w0, grads


PENALTIES = {
    # name: (torch R(w), numpy R'(w), definition)
    "l2": (lambda w, beta: (w * w).sum(), lambda w, beta: 2 * w, "R(w) = sum w^2"),
    "l1": (lambda w, beta: w.abs().sum(), lambda w, beta: np.sign(w), "R(w) = sum |w|"),
    "elastic_net": (lambda w, beta: (beta * w * w + w.abs()).sum(), lambda w, beta: 2 * beta * w + np.sign(w),
                    "R(w) = sum beta*w^2 + |w|"),
}


def specs():
    """(name, optimizer description, torch ctor, numpy step, penalty, lambda, beta)."""
    o = torch.optim
    return [
        ("sgd_l2", "SGD lr 0.1", lambda p: o.SGD(p, lr=0.1),
         lambda w, g, st, lr: np_sgd(w, g, st, lr), "l2", 0.05, None),
        ("sgd_l1", "SGD lr 0.1", lambda p: o.SGD(p, lr=0.1),
         lambda w, g, st, lr: np_sgd(w, g, st, lr), "l1", 0.05, None),
        ("sgd_momentum_elastic_net", "SGD lr 0.1, momentum 0.9", lambda p: o.SGD(p, lr=0.1, momentum=0.9),
         lambda w, g, st, lr: np_sgd(w, g, st, lr, momentum=0.9), "elastic_net", 0.05, 0.3),
        ("adam_l2", "Adam lr 1e-2", lambda p: o.Adam(p, lr=1e-2),
         lambda w, g, st, lr: np_adam(w, g, st, lr), "l2", 0.1, None),
        ("adam_l1", "Adam lr 1e-2", lambda p: o.Adam(p, lr=1e-2),
         lambda w, g, st, lr: np_adam(w, g, st, lr), "l1", 0.1, None),
        ("adam_elastic_net", "Adam lr 1e-2", lambda p: o.Adam(p, lr=1e-2),
         lambda w, g, st, lr: np_adam(w, g, st, lr), "elastic_net", 0.1, 0.5),
        # A coupled penalty and decoupled decay together: AdamW decays w, the penalty goes through m and v.
        ("adamw_l2", "AdamW lr 1e-2, weight_decay 0.01", lambda p: o.AdamW(p, lr=1e-2, weight_decay=0.01),
         lambda w, g, st, lr: np_adam(w, g, st, lr, weight_decay=0.01, decoupled=True), "l2", 0.1, None),
        ("rmsprop_l1", "RMSprop lr 1e-2, alpha 0.99, eps 1e-8", lambda p: o.RMSprop(p, lr=1e-2, alpha=0.99, eps=1e-8),
         lambda w, g, st, lr: np_rmsprop(w, g, st, lr, 0.99, 1e-8), "l1", 0.1, None),
        ("adagrad_elastic_net", "Adagrad lr 0.1", lambda p: o.Adagrad(p, lr=0.1),
         lambda w, g, st, lr: np_adagrad(w, g, st, lr), "elastic_net", 0.05, 0.5),
    ]


def run(name, description, make_opt, np_step, penalty, lam, beta, w0, grads):
    torch_r, np_dr, definition = PENALTIES[penalty]
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = make_opt([w])
    hp = hyperparams(opt.param_groups[0])
    traj = []
    for k in range(STEPS):
        opt.zero_grad()
        data = torch.tensor(grads[k], dtype=torch.float64)
        objective = (data * w).sum() + lam * torch_r(w, beta)
        objective.backward()
        opt.step()
        traj.append(from_torch(w).copy())
    traj = np.array(traj)

    st, wn, mine = {}, np.array(w0), []
    for k in range(STEPS):
        wn = np_step(wn, grads[k] + lam * np_dr(wn, beta), st, hp["lr"])
        mine.append(wn)
    assert_close(traj, np.array(mine), rtol=1e-12, atol=1e-14, what=f"{name} trajectory vs numpy")
    if penalty == "l1":
        assert all(traj[k, i] == 0.0 for k in range(STEPS) for i in ZEROS), f"{name}: a zero moved"

    entry = {
        "description": f"{description}, on grads[k].w + {lam} * {definition}" + (f", beta {beta}" if beta is not None else ""),
        "torch_class": type(opt).__module__ + "." + type(opt).__name__,
        "hyperparams": hp,
        "regularizer": penalty,
        "lambda": lam,
        "w0": tensor(w0),
        "grads": tensor(grads),
        "lrs": [hp["lr"]] * STEPS,
        "w": tensor(traj),
        "final_state": {},
    }
    if beta is not None:
        entry["beta"] = beta
    return entry


def main():
    w0, grads = inputs()
    out = {"family": "fused_regularizers",
           "definition": "Each trajectory starts from w0 [P] and at step k = 0..11 minimises grads[k].w + "
                         "lambda*R(w) with one torch.optim step (torch autograd differentiates the penalty); "
                         "w[k] is w after step k. R is the built-in regularizer named by 'regularizer' "
                         "(l2: sum w^2, l1: sum |w|, elastic_net: sum beta*w^2 + |w|). All float64."}
    out.update(provenance(SCRIPT))
    out["trajectories"] = {spec[0]: run(*spec, w0, grads) for spec in specs()}
    write_json("fused_regularizers.json", out)


if __name__ == "__main__":
    main()
