import pytest
import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import single_thread


def build(exercise, **kwargs):
    shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    what = f"SoftDiceLoss({shown})"
    try:
        module = exercise.SoftDiceLoss(**kwargs)
    except AttributeError as exc:
        if "before Module.__init__() call" in str(exc):
            fail(f"creating {what} raised AttributeError: {exc}", hint="call super().__init__() first in __init__.")
        raise
    if not isinstance(module, nn.Module):
        fail(f"{what} is not an nn.Module.", hint="the class must subclass nn.Module.")
    if "_parameters" not in vars(module):
        fail(f"{what} was created without running nn.Module.__init__ (is the TODO in __init__ still `...`?).",
             hint="the first line of __init__ is super().__init__().")
    return module, what


def dice(logits, target, smooth=1.0, reduction="mean", *, whole_batch=False, sigmoid=True, squared=False,
         smooth_top=True):
    p = torch.sigmoid(logits) if sigmoid else logits
    p, t = (p.reshape(1, -1), target.reshape(1, -1)) if whole_batch else (p.flatten(1), target.flatten(1))
    pp, tt = (p * p, t * t) if squared else (p, t)
    top = 2 * (p * t).sum(1) + (smooth if smooth_top else 0.0)
    loss = 1 - top / (pp.sum(1) + tt.sum(1) + smooth)
    return {"mean": loss.mean(), "sum": loss.sum(), "none": loss}[reduction]


def cases():
    g = torch.Generator().manual_seed(0)
    for shape in [(4, 1, 6, 6), (3, 5, 7), (2, 10), (1, 1, 4, 4), (3, 2, 3, 3, 3)]:
        logits = torch.randn(shape, generator=g) * 3
        target = (torch.rand(shape, generator=g) < 0.4).float()
        yield shape, logits, target
    empty = torch.zeros(2, 1, 4, 4)               # a sample with no foreground at all
    yield (2, 1, 4, 4), torch.randn(2, 1, 4, 4, generator=g) - 4, empty


def judge(exercise, logits, target, kwargs, label):
    module, what = build(exercise, **kwargs)
    what = f"{what}(logits, target) for {label}"
    expect(not list(module.parameters()), f"{what.split('(logits')[0]} has parameters; a loss has none.",
           hint="store smooth and reduction as plain attributes, not nn.Parameter.")
    a = logits.clone().requires_grad_()
    b = logits.clone().requires_grad_()
    calls = []
    handle = module.register_forward_hook(lambda *_: calls.append(1))
    before = target.clone()
    try:
        got = module(a, target)
    finally:
        handle.remove()
    expect(calls, f"calling {what} did not run forward.", hint="put the maths in forward(self, logits, target).")
    expect_tensor(got, what)
    expect(torch.equal(target, before), f"{what} changed target in place.")
    reduction = kwargs.get("reduction", "mean")
    smooth = kwargs.get("smooth", 1.0)
    ref = dice(b, target, smooth, reduction)
    if reduction == "none":
        expect_shape(got, (logits.shape[0],), what, hint="reduction='none' gives one loss per sample: sum over every "
                     "dim but the batch dim (flatten(1), then .sum(dim=1)).")
    else:
        expect_shape(got, (), what, hint=f"reduction={reduction!r} gives one number.")
    if not got.requires_grad:
        fail(f"{what} does not require grad, so nothing could learn from it.",
             hint="a threshold (p > 0.5), .item(), .detach() or .round() cuts the graph: use the soft p = sigmoid(logits).")
    last = {}
    if logits.dim() > 2:
        pl = torch.sigmoid(logits)
        per_row = 1 - (2 * (pl * target).sum(-1) + smooth) / (pl.sum(-1) + target.sum(-1) + smooth)
        last = {"you summed over the last dim only; sum over every dim except the batch dim (flatten(1) first).":
                {"mean": per_row.flatten(1).mean(1).mean(), "sum": per_row.flatten(1).mean(1).sum(),
                 "none": per_row.flatten(1).mean(1)}[reduction]}
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-6, mistakes=last | {
        "one Dice over the whole batch; the docstring asks for one per sample (sums over all dims but the first).":
            dice(logits, target, smooth, reduction, whole_batch=True),
        "no sigmoid: p = sigmoid(logits) are the probabilities.": dice(logits, target, smooth, reduction, sigmoid=False),
        "squared terms in the denominator (a V-Net variant); the docstring's denominator is sum(p) + sum(t) + smooth.":
            dice(logits, target, smooth, reduction, squared=True),
        "smooth goes in the numerator too: (2 * sum(p * t) + smooth) / (sum(p) + sum(t) + smooth).":
            dice(logits, target, smooth, reduction, smooth_top=False),
        "reduction was ignored (the mean came back).": dice(logits, target, smooth, "mean"),
        "smooth was ignored (1.0 used).": dice(logits, target, 1.0, reduction),
    })
    (got.sum() if got.dim() else got).backward()
    (ref.sum() if ref.dim() else ref).backward()
    expect_close(a.grad, b.grad, f"the gradient of {what}", rtol=1e-5, atol=1e-7)


def test_default_settings(exercise):
    for shape, logits, target in cases():
        judge(exercise, logits, target, {}, f"shape {shape}")


@pytest.mark.parametrize("kwargs", [{"reduction": "none"}, {"reduction": "sum"}, {"smooth": 0.1},
                                    {"smooth": 5.0, "reduction": "none"}])
def test_settings(exercise, kwargs):
    for shape, logits, target in list(cases())[:4]:
        judge(exercise, logits, target, kwargs, f"shape {shape}")


def test_float64(exercise):
    g = torch.Generator().manual_seed(3)
    logits = torch.randn(2, 1, 5, 5, generator=g, dtype=torch.float64)
    target = (torch.rand(2, 1, 5, 5, generator=g) < 0.5).double()
    judge(exercise, logits, target, {"reduction": "none"}, "float64 shape (2, 1, 5, 5)")


def test_unknown_reduction_raises(exercise):
    # "me" and "" are substrings of "none mean sum": they catch `reduction not in "none mean sum"`.
    for bad in ["avg", "me", ""]:
        try:
            build(exercise, reduction=bad)
        except ValueError:
            continue
        fail(f"SoftDiceLoss(reduction={bad!r}) was created without an error; the docstring asks the constructor to "
             "raise ValueError for any reduction other than 'none', 'mean' or 'sum'.",
             hint="check the value in __init__: `if reduction not in (\"none\", \"mean\", \"sum\"): raise "
                  "ValueError(...)` (a tuple of the three names: `in` on one string also accepts its substrings).")


def test_it_trains(exercise, report):
    """The loss is usable: optimising raw logits against a mask drives it near 0."""
    target = torch.zeros(2, 1, 8, 8)
    target[0, :, 2:6, 2:6] = 1.0
    target[1, :, :3, 4:] = 1.0
    logits = torch.zeros(2, 1, 8, 8, requires_grad=True)
    module, what = build(exercise)
    opt = torch.optim.Adam([logits], lr=0.2)
    with single_thread():
        for step in range(60):
            opt.zero_grad()
            loss = module(logits, target)
            loss.backward()
            opt.step()
            report("dice loss", loss.item(), step)
    final = dice(logits.detach(), target).item()
    expect(final < 0.05, f"60 Adam steps on free logits with {what} left a Dice loss of {final:.3f}; the reference "
           "gets below 0.01.", hint="is the loss differentiable, and does it fall as the prediction matches the mask?")
