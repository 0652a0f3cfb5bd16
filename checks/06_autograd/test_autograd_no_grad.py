import torch

from dlings.testing import expect, expect_close, expect_not_calling


def _params():
    return [torch.randn(3, 2, requires_grad=True), torch.randn(2, requires_grad=True)]


def _loss(params, x):
    w, b = params
    return (torch.tanh(x @ w + b) ** 2).sum()


def test_no_data_attribute(exercise):
    expect_not_calling(exercise.sgd_step, ["data"],
                       why="p.data hides the update from autograd's checks; do it inside `with torch.no_grad():`.")


def test_sgd_steps(exercise):
    torch.manual_seed(0)
    params = _params()
    ids = [id(p) for p in params]
    x = torch.randn(4, 3)
    for step in range(3):
        lr = 0.1 * (step + 1)
        _loss(params, x).backward()
        before = [p.detach().clone() for p in params]
        grads = [p.grad.clone() for p in params]
        exercise.sgd_step(params, lr)
        for i, p in enumerate(params):
            what = f"parameter {i} after sgd_step (step {step + 1}, lr={lr})"
            expect(id(p) == ids[i] and p.is_leaf and p.requires_grad,
                   f"{what} is no longer the same leaf tensor that requires grad.")
            expect_close(p.detach(), before[i] - lr * grads[i], what, rtol=1e-5, atol=1e-6, mistakes={
                "the parameters did not change. (Note: `p = p - lr * p.grad` makes a NEW tensor and rebinds the local name; "
                "the caller's tensor is untouched.) Update in place (p -= ..., p.sub_(...)) inside torch.no_grad().":
                    before[i],
                "the update went the wrong way: subtract lr * grad, do not add it.": before[i] + lr * grads[i],
            })
            expect(p.grad is None or not bool(p.grad.abs().sum()),
                   f"{what}: p.grad still holds the gradient; the next backward() would add to it.",
                   hint="reset it after the update: p.grad = None (or p.grad.zero_()).")
            expect(p.grad_fn is None, f"{what} has a grad_fn ({type(p.grad_fn).__name__}): the update was recorded.",
                   hint="do the update inside `with torch.no_grad():`.")
