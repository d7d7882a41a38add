"""Golden optimizer trajectories from torch.optim (float64), for replay by C# tests.

The gradient sequence is fixed and stored, and does not depend on w: a C# optimizer fed the
same 12 gradients from the same initial w must reproduce every intermediate w. After each run
the script replays the same sequence through a plain numpy transcription of the update rule
written in the fixture's "update_rule" text and requires agreement to 1e-12, so the prose
definition in the JSON is proven to be what torch 1.13 actually does.

Writes optimizers.json.
"""
import math

import numpy as np
import torch

from common import assert_close, from_torch, provenance, rng, tensor, write_json

SCRIPT = "make_optimizers.py"
P = 7
STEPS = 12


def inputs():
    g = rng(100)
    w0 = g.normal(0.0, 1.0, size=P)
    # Vary the gradient scale between steps so adaptive methods actually adapt (their
    # per-coordinate denominators differ from a constant), and include a sign flip pattern
    # so momentum buffers both build up and decay.
    scales = g.uniform(0.2, 3.0, size=(STEPS, 1))
    grads = g.normal(0.0, 1.0, size=(STEPS, P)) * scales
    return w0, grads


# ---------------------------------------------------------------------------------------------
# numpy transcriptions of the rules (one step each); state is a dict of arrays / ints.

def np_sgd(w, g, st, lr, momentum=0.0, nesterov=False, weight_decay=0.0, dampening=0.0):
    d = g + weight_decay * w if weight_decay else g
    if momentum:
        if "momentum_buffer" not in st:
            st["momentum_buffer"] = d.copy()  # first step: buffer = gradient, no dampening
        else:
            st["momentum_buffer"] = momentum * st["momentum_buffer"] + (1 - dampening) * d
        d = d + momentum * st["momentum_buffer"] if nesterov else st["momentum_buffer"]
    return w - lr * d


def np_adagrad(w, g, st, lr, eps=1e-10):
    st["step"] = st.get("step", 0) + 1
    st["sum"] = st.get("sum", np.zeros_like(w)) + g * g
    return w - lr * g / (np.sqrt(st["sum"]) + eps)


def np_rmsprop(w, g, st, lr, alpha, eps, momentum=0.0):
    st["step"] = st.get("step", 0) + 1
    st["square_avg"] = alpha * st.get("square_avg", np.zeros_like(w)) + (1 - alpha) * g * g
    avg = np.sqrt(st["square_avg"]) + eps  # eps outside the square root
    if momentum:
        st["momentum_buffer"] = momentum * st.get("momentum_buffer", np.zeros_like(w)) + g / avg
        return w - lr * st["momentum_buffer"]
    return w - lr * g / avg


def np_adam(w, g, st, lr, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=False):
    st["step"] = t = st.get("step", 0) + 1
    if decoupled:
        w = w * (1 - lr * weight_decay)
    elif weight_decay:
        g = g + weight_decay * w
    st["exp_avg"] = beta1 * st.get("exp_avg", np.zeros_like(w)) + (1 - beta1) * g
    st["exp_avg_sq"] = beta2 * st.get("exp_avg_sq", np.zeros_like(w)) + (1 - beta2) * g * g
    m_hat = st["exp_avg"] / (1 - beta1 ** t)
    v_hat = st["exp_avg_sq"] / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps)


# ---------------------------------------------------------------------------------------------

SGD_RULE = ("d = g + weight_decay*w; if momentum: buf = d on the first step, else buf = momentum*buf + "
            "(1 - dampening)*d; d = (nesterov ? d + momentum*buf : buf); w -= lr*d. "
            "Note lr multiplies the buffer at use time (buffer itself is lr-free).")
ADAGRAD_RULE = "sum += g*g; w -= lr * g / (sqrt(sum) + eps), eps = 1e-10, lr_decay = 0, initial sum 0."
RMSPROP_RULE = ("square_avg = alpha*square_avg + (1 - alpha)*g*g (starts at 0); avg = sqrt(square_avg) + eps "
                "(eps OUTSIDE the sqrt); without momentum w -= lr*g/avg; with momentum buf = momentum*buf + "
                "g/avg (buf starts at 0) and w -= lr*buf. Not centered.")
ADAM_RULE = ("t += 1; g += weight_decay*w (L2 style, only when weight_decay != 0); m = b1*m + (1-b1)*g; "
             "v = b2*v + (1-b2)*g*g; w -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps). "
             "torch evaluates the last line as (lr/(1-b1^t)) * m / (sqrt(v)/sqrt(1-b2^t) + eps).")
ADAMW_RULE = ("t += 1; w *= (1 - lr*weight_decay) (decoupled, before the moment update, using the current lr); "
              "then the Adam update with the raw gradient.")


def specs():
    """(name, description, torch ctor, numpy step, rule, schedule ctor or None)."""
    o = torch.optim
    return [
        ("sgd", "Plain SGD, lr 0.1.", lambda p: o.SGD(p, lr=0.1),
         lambda w, g, st, lr: np_sgd(w, g, st, lr), SGD_RULE, None),
        ("sgd_momentum", "SGD, lr 0.1, momentum 0.9.", lambda p: o.SGD(p, lr=0.1, momentum=0.9),
         lambda w, g, st, lr: np_sgd(w, g, st, lr, momentum=0.9), SGD_RULE, None),
        ("sgd_nesterov", "SGD, lr 0.1, momentum 0.9, nesterov.",
         lambda p: o.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
         lambda w, g, st, lr: np_sgd(w, g, st, lr, momentum=0.9, nesterov=True), SGD_RULE, None),
        ("sgd_weight_decay", "SGD, lr 0.1, weight_decay 0.01 (added to the gradient).",
         lambda p: o.SGD(p, lr=0.1, weight_decay=0.01),
         lambda w, g, st, lr: np_sgd(w, g, st, lr, weight_decay=0.01), SGD_RULE, None),
        ("adagrad", "Adagrad, lr 0.1, defaults otherwise.", lambda p: o.Adagrad(p, lr=0.1),
         lambda w, g, st, lr: np_adagrad(w, g, st, lr), ADAGRAD_RULE, None),
        ("rmsprop", "RMSprop, lr 0.01, alpha 0.99, eps 1e-8.",
         lambda p: o.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8),
         lambda w, g, st, lr: np_rmsprop(w, g, st, lr, 0.99, 1e-8), RMSPROP_RULE, None),
        ("rmsprop_momentum", "RMSprop, lr 0.01, alpha 0.99, eps 1e-8, momentum 0.9.",
         lambda p: o.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8, momentum=0.9),
         lambda w, g, st, lr: np_rmsprop(w, g, st, lr, 0.99, 1e-8, momentum=0.9), RMSPROP_RULE, None),
        ("adam", "Adam, lr 1e-3, betas (0.9, 0.999), eps 1e-8.", lambda p: o.Adam(p, lr=1e-3),
         lambda w, g, st, lr: np_adam(w, g, st, lr), ADAM_RULE, None),
        ("adam_l2", "Adam, lr 1e-3, weight_decay 0.01 (L2 style: added to the gradient).",
         lambda p: o.Adam(p, lr=1e-3, weight_decay=0.01),
         lambda w, g, st, lr: np_adam(w, g, st, lr, weight_decay=0.01), ADAM_RULE, None),
        ("adamw", "AdamW, lr 1e-3, weight_decay 0.01 (decoupled).",
         lambda p: o.AdamW(p, lr=1e-3, weight_decay=0.01),
         lambda w, g, st, lr: np_adam(w, g, st, lr, weight_decay=0.01, decoupled=True), ADAMW_RULE, None),
        ("adam_cosine", "Adam, lr 1e-3, with CosineAnnealingLR(T_max=12, eta_min=0) stepped after each step.",
         lambda p: o.Adam(p, lr=1e-3),
         lambda w, g, st, lr: np_adam(w, g, st, lr), ADAM_RULE,
         lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=12)),
        ("sgd_steplr", "Plain SGD, lr 0.1, with StepLR(step_size=4, gamma=0.5) stepped after each step.",
         lambda p: o.SGD(p, lr=0.1),
         lambda w, g, st, lr: np_sgd(w, g, st, lr), SGD_RULE,
         lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=4, gamma=0.5)),
        # Extra: with momentum, torch's buffer does not carry lr, so a decayed lr scales the whole
        # accumulated velocity at once; the "v = mu*v - lr*g" textbook form would differ here.
        ("sgd_momentum_steplr", "SGD, lr 0.1, momentum 0.9, with StepLR(step_size=4, gamma=0.5).",
         lambda p: o.SGD(p, lr=0.1, momentum=0.9),
         lambda w, g, st, lr: np_sgd(w, g, st, lr, momentum=0.9), SGD_RULE,
         lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=4, gamma=0.5)),
    ]


def hyperparams(group):
    out = {}
    for k, v in group.items():
        if k in ("params", "initial_lr"):
            continue
        if isinstance(v, tuple):
            v = list(v)
        out[k] = v
    return out


def run(name, description, make_opt, np_step, rule, make_sched, w0, grads):
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = make_opt([w])
    hp = hyperparams(opt.param_groups[0])
    sched = make_sched(opt) if make_sched else None
    traj, lrs = [], []
    for k in range(STEPS):
        w.grad = torch.tensor(grads[k], dtype=torch.float64)
        lrs.append(float(opt.param_groups[0]["lr"]))
        opt.step()
        traj.append(from_torch(w).copy())
        if sched:
            sched.step()
    traj = np.array(traj)

    # Replay through the numpy transcription with the same lr sequence.
    st, wn, mine = {}, np.array(w0), []
    for k in range(STEPS):
        wn = np_step(wn, grads[k], st, lrs[k])
        mine.append(wn)
    assert_close(traj, np.array(mine), rtol=1e-12, atol=1e-14, what=f"{name} trajectory vs numpy")

    state = {}
    for k, v in opt.state[w].items():
        if v is None:
            continue  # plain SGD keeps a None momentum_buffer: there is no state to replay
        if torch.is_tensor(v) and v.numel() > 1:
            state[k] = tensor(from_torch(v))
            assert_close(from_torch(v), st[k], rtol=1e-12, atol=1e-14, what=f"{name} state {k}")
        else:
            state[k] = int(float(v)) if k == "step" else float(v)
    entry = {
        "description": description,
        "torch_class": type(opt).__module__ + "." + type(opt).__name__,
        "hyperparams": hp,
        "update_rule": rule,
        "w0": tensor(w0),
        "grads": tensor(grads),
        "lrs": lrs,
        "w": tensor(traj),
        "final_state": state,
    }
    if sched:
        entry["schedule"] = {"torch_class": type(sched).__module__ + "." + type(sched).__name__,
                             **{k: v for k, v in vars(sched).items()
                                if k in ("T_max", "eta_min", "step_size", "gamma")}}
    return entry, lrs


def main():
    w0, grads = inputs()
    out = {"family": "optimizers",
           "definition": "Each trajectory starts from w0 [P] and applies grads[k] (row k of a [12, P] "
                         "array, independent of w) at step k = 0..11 with learning rate lrs[k]; w[k] "
                         "is the parameter vector after step k. final_state holds torch's per-parameter "
                         "state after the last step (step counts as an int). All float64."}
    out.update(provenance(SCRIPT))
    trajectories = {}
    for spec in specs():
        entry, lrs = run(*spec, w0, grads)
        trajectories[spec[0]] = entry
        if spec[0] == "adam_cosine":
            # torch computes cosine annealing recursively from the previous lr, so it matches
            # the closed form eta_max*(1+cos(pi k/T))/2 only to rounding; the fixture keeps
            # torch's numbers and a C# schedule should be compared with a tolerance.
            closed = [1e-3 * (1 + math.cos(math.pi * k / 12)) / 2 for k in range(STEPS)]
            assert_close(lrs, closed, rtol=1e-12, atol=1e-18, what="cosine lr closed form")
        if spec[0].endswith("steplr"):
            assert lrs == [0.1 * 0.5 ** (k // 4) for k in range(STEPS)], lrs
    out["trajectories"] = trajectories
    write_json("optimizers.json", out)


if __name__ == "__main__":
    main()
