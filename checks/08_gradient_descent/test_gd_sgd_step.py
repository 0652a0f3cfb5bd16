import torch

from dlings.testing import expect, expect_close, fail
from support_08_gradient_descent import expect_no_data_attribute, expect_no_nn_or_optim, no_nn_or_optim


def _params(seed):
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(4, 3, generator=g).requires_grad_()
    b = torch.randn(3, generator=g).requires_grad_()
    x = torch.randn(5, 4, generator=g)
    ((x @ w + b).tanh() ** 2).sum().backward()
    return w, b


def test_updates_in_place_and_clears_grads(exercise):
    for seed, lr in [(0, 0.1), (1, 0.03)]:
        w, b = _params(seed)
        before = [(p.detach().clone(), p.grad.clone()) for p in (w, b)]
        with no_nn_or_optim():
            exercise.sgd_step([w, b], lr)
        if all(torch.equal(p.detach(), p0) and p.grad is not None and torch.equal(p.grad, g0)
               for p, (p0, g0) in zip((w, b), before)):
            fail("sgd_step(params, lr) left every parameter, and its .grad, unchanged.",
                 hint="the TODO is not written yet, or `p = p - lr * p.grad` only rebinds the loop variable: "
                      "update in place with p -= lr * p.grad inside torch.no_grad().")
        for name, p, (p0, g0) in zip(["w", "b"], (w, b), before):
            expect_close(p.detach(), p0 - lr * g0, what=f"{name} after sgd_step(params, lr={lr})",
                         mistakes={
                             "the caller's tensor did not change: `p = p - lr * p.grad` only rebinds the "
                             "loop variable. Update in place: p -= lr * p.grad (under torch.no_grad()).": p0,
                             "the sign is wrong: gradient DEscent subtracts lr * grad.": p0 + lr * g0,
                             "the learning rate is missing: subtract lr * grad.": p0 - g0,
                         })
            expect(p.is_leaf and p.requires_grad,
                   f"after sgd_step, {name} is no longer a leaf that requires grad.",
                   hint="update the tensor in place under torch.no_grad(); do not replace it with a new one.")
            expect(p.grad is None or not bool(p.grad.any()),
                   f"after sgd_step, {name}.grad still holds the old gradient.",
                   hint="backward() adds to .grad: set p.grad = None (or p.grad.zero_()) after the update, "
                        "or the next step uses the sum of all gradients so far.")


def test_two_steps_in_a_row(exercise):
    """A second backward after sgd_step must see a fresh gradient, not the sum of both."""
    w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    for _ in range(2):
        (w ** 2).sum().backward()
        exercise.sgd_step([w], 0.1)
    expect_close(w.detach(), torch.tensor([1.0, -2.0, 0.5]) * 0.64, what="w after two steps on sum(w**2), lr=0.1",
                 mistakes={"the gradients accumulated: zero (or None) them after each step.":
                           torch.tensor([1.0, -2.0, 0.5]) * 0.8 * 0.8 - 0.2 * torch.tensor([1.0, -2.0, 0.5])})


def test_rules(exercise):
    expect_no_nn_or_optim(exercise)
    expect_no_data_attribute(exercise)
