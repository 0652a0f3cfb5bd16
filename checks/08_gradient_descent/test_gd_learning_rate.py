import math

import torch

from dlings.testing import expect, expect_equal, fail


def _run(lr, steps=40):
    """The check's own copy of run(): editing yours does not change the verdict."""
    g = torch.Generator().manual_seed(0)
    X = torch.randn(100, 2, generator=g) * torch.tensor([1.0, 3.0])
    y = X @ torch.tensor([1.5, -0.5]) + 1.0
    w, b = torch.zeros(2, requires_grad=True), torch.zeros((), requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = b.grad = None
        losses.append(loss.item())
    return losses


def _truth(losses):
    if not all(math.isfinite(v) for v in losses) or losses[-1] > losses[0]:
        return "diverged"
    return "converged" if losses[-1] < 0.01 * losses[0] else "crawling"


CASES = [
    ([4.0, 2.0, 1.0, 0.5, 0.01], "converged"),
    ([4.0, 3.5, 3.2, 3.0], "crawling"),
    ([4.0, 9.0, 30.0, 120.0], "diverged"),
    ([4.0, 50.0, float("inf"), float("inf")], "diverged"),
    ([4.0, 1e30, float("nan"), float("nan")], "diverged"),
    ([4.0, 0.1, float("nan"), 0.001], "diverged"),
    ([4.0, 4.5, 4.1], "diverged"),
    ([2.0, 1.0, 0.5, 0.3], "crawling"),
    # the boundaries the docstring states: "above the first" and "below 1% of the first" are strict
    ([3.0, 2.0, 1.0, 3.0], "crawling"),          # last == first: not above it
    ([100.0, 10.0, 2.0, 1.0], "crawling"),       # last == exactly 1% of the first: not below it
    ([100.0, 10.0, 2.0, 0.99], "converged"),
    # the LAST loss against the FIRST one: not the smallest, the largest or the one before
    ([4.0, 0.01, 0.02, 2.0], "crawling"),
    ([1.0, 200.0, 0.5], "crawling"),
    ([4.0, 1.0, 0.5, 1.5], "crawling"),
]

WHICH_LOSSES = ("the docstring compares the LAST loss with the FIRST one, losses[-1] with losses[0]: not the "
                "smallest loss (min), not the largest (max), not the loss just before the last.")


def test_classify(exercise):
    for losses, want in CASES:
        got = exercise.classify(list(losses))
        hint = None
        if losses[-1] == losses[0]:
            hint = "a last loss EQUAL to the first is not above it: 'diverged' needs last > first (strict)."
        elif losses[-1] == 0.01 * losses[0]:
            hint = "a last loss of exactly 1% of the first is not below 1%: 'converged' needs last < 0.01 * first."
        elif want == "crawling" and (min(losses) < 0.01 * losses[0] or max(losses) > losses[0]
                                     or losses[-1] > losses[-2]):
            hint = WHICH_LOSSES
        elif want == "diverged" and all(math.isfinite(v) for v in losses):
            hint = f"the last loss ({losses[-1]}) is above the first ({losses[0]}): that is 'diverged'. " + WHICH_LOSSES[0].upper() + WHICH_LOSSES[1:]
        if want == "diverged" and any(math.isnan(v) for v in losses):
            hint = "nan > x and nan < x are both False: test math.isfinite(v) (or math.isnan) for every loss."
        expect_equal(got, want, what=f"classify({losses})", hint=hint)


def _lr(exercise, name):
    value = getattr(exercise, name, None)
    if value is ... or value is None:
        fail(f"{name} is still `...`: run the file, try a few learning rates, and set it.")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not value > 0:
        fail(f"{name} should be a positive number, got {value!r}.",
             hint="a learning rate of 0 (or below) does not learn at all.")
    return float(value)


def test_learning_rates_behave_as_named(exercise):
    for name, want in [("LR_TOO_SMALL", "crawling"), ("LR_GOOD", "converged"), ("LR_TOO_LARGE", "diverged")]:
        lr = _lr(exercise, name)
        losses = _run(lr)
        got = _truth(losses)
        expect(got == want,
               f"with {name} = {lr}, 40 steps take the loss from {losses[0]:.4g} to {losses[-1]:.4g}: that is "
               f"'{got}', but {name} should give '{want}'.",
               hint={"LR_TOO_SMALL": "pick a smaller learning rate: it should still be learning slowly after 40 steps.",
                     "LR_GOOD": "try values between 0.03 and 0.1 and watch the last loss.",
                     "LR_TOO_LARGE": "pick a larger learning rate: past a threshold each step overshoots "
                                     "further than the last."}[name] if got != "diverged" or name != "LR_GOOD"
               else "this one overshoots: too large. Try a smaller value.")
