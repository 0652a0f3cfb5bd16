import math

import torch

from dlings.testing import expect, expect_close, expect_equal, fail
from support_08_gradient_descent import expect_no_data_attribute, expect_no_nn_or_optim, linear_data, no_nn_or_optim


def _leaves(d, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(d, generator=g).requires_grad_(), torch.randn((), generator=g).requires_grad_()


def _reference(X, y, w0, b0, lr, steps, *, accumulate=False, reduce="mean"):
    w, b = w0.detach().clone().requires_grad_(), b0.detach().clone().requires_grad_()
    opt = torch.optim.SGD([w, b], lr=lr)
    for _ in range(steps):
        r = (X @ w + b - y) ** 2
        (r.mean() if reduce == "mean" else r.sum()).backward()
        opt.step()
        if not accumulate:
            opt.zero_grad()
    return w.detach(), b.detach()


def test_matches_torch_sgd_step_by_step(exercise):
    for (n, d, seed), lr, steps in [((40, 3, 0), 0.1, 5), ((25, 2, 1), 0.05, 12)]:
        X, y, _, _ = linear_data(n, d, seed)
        w, b = _leaves(d, seed + 100)
        w0, b0 = w.detach().clone(), b.detach().clone()
        with no_nn_or_optim():
            losses = exercise.train_linear(X, y, w, b, lr, steps)
        expect(isinstance(losses, list), f"train_linear returned {type(losses).__name__}, not a list of floats.")
        expect_equal(len(losses), steps, what=f"the number of losses returned for steps={steps}")
        if torch.equal(w.detach(), w0):
            fail("w did not change: train_linear must update the caller's w and b in place.",
                 hint="is w.grad None? Then the loss does not depend on w through the graph (a .detach() or "
                      ".data in the forward pass?). Otherwise update in place inside torch.no_grad(): "
                      "w -= lr * w.grad (not w = w - ...).")
        ref_w, ref_b = _reference(X, y, w0, b0, lr, steps)
        what = f"w after {steps} steps (N={n}, D={d}, lr={lr}), compared with torch.optim.SGD"
        expect_close(w.detach(), ref_w, what=what, rtol=1e-4, atol=1e-5, mistakes={
            "the gradients accumulated across steps: clear w.grad and b.grad after every update.":
                _reference(X, y, w0, b0, lr, steps, accumulate=True)[0],
            "the loss is a sum, not a mean over the samples: gradients N times too large.":
                _reference(X, y, w0, b0, lr, steps, reduce="sum")[0],
        })
        expect_close(b.detach(), ref_b, what=f"b after {steps} steps, compared with torch.optim.SGD", rtol=1e-4,
                     atol=1e-5)
        with torch.no_grad():
            first = ((X @ w0 + b0 - y) ** 2).mean().item()
        expect(isinstance(losses[0], float) and math.isclose(losses[0], first, rel_tol=1e-4),
               f"losses[0] should be the loss before the first update ({first:.5g}), got {losses[0]!r}.",
               hint="append loss.item() (a Python float) once per step.")


def test_reaches_a_low_loss(exercise, report):
    X, y, _, _ = linear_data(200, 4, 7, noise=0.1)
    w, b = torch.zeros(4, requires_grad=True), torch.zeros((), requires_grad=True)
    with no_nn_or_optim():
        losses = exercise.train_linear(X, y, w, b, 0.1, 150)
    for i in range(0, len(losses), 10):
        report("loss", losses[i], i)
    expect(losses[-1] < 0.03,
           f"after 150 steps with lr=0.1 the loss is {losses[-1]:.4g}; a correct loop gets it near the noise "
           "level (0.01).")


def test_rules(exercise):
    expect_no_nn_or_optim(exercise)
    expect_no_data_attribute(exercise)
