#!/usr/bin/python3
"""PyTorch peers of benchmarks/LossGen.Benchmarks/Suites/LinearModelBenchmarks.cs.

One training step of a linear softmax classifier, float32: scores X W + b, softmax cross-entropy
(mean over rows) + lambda * sum(W^2), the gradients dW and db, and an SGD step on W and b, at the
suite's shapes. Three ways:

  autograd   what a PyTorch user writes: F.linear + F.cross_entropy + backward, then the update
  matmul     the same step by hand with plain `@` (Debian's torch uses its BLAS for it)
  onednn     the two products through oneDNN (torch._C._nn.mkldnn_linear): forward X W^T + b, and
             dW^T = dS^T X; X and X^T are converted to oneDNN tensors once (X is constant
             across steps), the small W^T, b and dS^T every step

Each is timed as the median of REPS steps after warm-up, at 1 and 2 threads, and the table is
written to benchmarks/results/pytorch-linear-<date>.md (and printed).

Usage: /usr/bin/python3 benchmarks/pytorch/linear_model.py [--reps 200] [--out PATH]
"""
import argparse
import datetime
import os
import statistics
import time

import torch
import torch.nn.functional as F

SHAPES = [(256, 64, 10), (128, 784, 10), (500, 3073, 10), (1024, 512, 100)]
LAMBDA = 1e-3
LR = 1e-3


def inputs(n, d, c):
    g = torch.Generator().manual_seed(11)
    x = torch.randn(n, d, generator=g)
    w = torch.randn(d, c, generator=g) * 0.01
    b = torch.randn(c, generator=g) * 0.01
    y = torch.randint(0, c, (n,), generator=g)
    return x, w, b, y


def autograd_step(x, w, b, y):
    w.requires_grad_(True)
    b.requires_grad_(True)
    loss = F.cross_entropy(F.linear(x, w.t(), b), y) + LAMBDA * (w * w).sum()
    loss.backward()
    with torch.no_grad():
        w -= LR * w.grad
        b -= LR * b.grad
        w.grad = None
        b.grad = None
    return loss


def manual_gradient(s, y, n):
    p = torch.softmax(s, dim=1)
    loss = (torch.logsumexp(s, dim=1) - s.gather(1, y[:, None])[:, 0]).mean()
    p[torch.arange(n), y] -= 1.0
    p /= n
    return loss, p


def matmul_step(x, w, b, y):
    n = x.shape[0]
    s = torch.addmm(b, x, w)
    loss, g = manual_gradient(s, y, n)
    loss = loss + LAMBDA * (w * w).sum()
    dw = x.t() @ g + 2 * LAMBDA * w
    db = g.sum(0)
    w -= LR * dw
    b -= LR * db
    return loss


def onednn_step(xm, xtm, wt, b, y):
    # oneDNN tensors: X and X^T converted once (X is constant across steps); the small W^T [C, D], b
    # and dS^T converted each step. mkldnn_linear(input, weight, bias) = input weight^T + bias.
    n = xm.size(0)
    s = torch._C._nn.mkldnn_linear(xm, wt.to_mkldnn(), b.to_mkldnn()).to_dense()
    loss, g = manual_gradient(s, y, n)
    loss = loss + LAMBDA * (wt * wt).sum()
    # dW^T [C, D] = g^T [C, N] · X [N, D] = mkldnn_linear(g^T, X^T) with X^T [D, N].
    dwt = torch._C._nn.mkldnn_linear(g.t().contiguous().to_mkldnn(), xtm, None).to_dense() + 2 * LAMBDA * wt
    db = g.sum(0)
    wt -= LR * dwt
    b -= LR * db
    return loss


def median_ms(step, reps):
    for _ in range(max(10, reps // 10)):
        step()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=200)
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "results", f"pytorch-linear-{datetime.date.today().isoformat()}.md")
    parser.add_argument("--out", default=default_out)
    args = parser.parse_args()

    rows = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for n, d, c in SHAPES:
            x, w, b, y = inputs(n, d, c)
            xm, xtm = x.to_mkldnn(), x.t().contiguous().to_mkldnn()
            flops = 4.0 * n * d * c
            wa, ba = w.clone(), b.clone()
            auto = median_ms(lambda: autograd_step(x, wa, ba, y), args.reps)
            with torch.no_grad():
                wm, bm = w.clone(), b.clone()
                mm = median_ms(lambda: matmul_step(x, wm, bm, y), args.reps)
                wt, bo = w.t().contiguous(), b.clone()
                dn = median_ms(lambda: onednn_step(xm, xtm, wt, bo, y), args.reps)
            for name, (med, best) in (("autograd", auto), ("matmul", mm), ("onednn", dn)):
                rows.append((threads, f"{n}x{d}x{c}", name, med, best, flops / (med * 1e-3) / 1e9))

    load = os.getloadavg()
    lines = [
        f"# PyTorch linear-softmax step, float32 ({datetime.date.today().isoformat()})",
        "",
        f"torch {torch.__version__}, oneDNN available: {torch.backends.mkldnn.is_available()}; "
        f"{args.reps} steps per row after warm-up; load average before writing: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.",
        f"Command: `/usr/bin/python3 benchmarks/pytorch/linear_model.py --reps {args.reps}`",
        "",
        "| threads | N×D×C | way | median ms | min ms | GFLOP/s (4·N·D·C / median) |",
        "|---:|---|---|---:|---:|---:|",
    ]
    lines += [f"| {t} | {shape} | {name} | {med:.3f} | {best:.3f} | {gf:.1f} |" for t, shape, name, med, best, gf in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
