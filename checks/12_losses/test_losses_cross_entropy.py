import math

import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import by_hand, classification_cases, expect_by_hand, huge_logits

WHY = "build it from logsumexp, gather (or indexing) and a mask: F.cross_entropy is the reference it is checked against."
GROUPS = ["cross_entropy", "nll"]


def mistakes(logits, target, ignore_index):
    keep = target != ignore_index
    safe = torch.where(keep, target, 0)
    picked = logits.gather(1, safe.unsqueeze(1)).squeeze(1)
    per = torch.logsumexp(logits, dim=1) - picked
    n = target.shape[0]
    return {
        "you divided by all N samples; the mean is over the samples that are NOT ignored.":
            F.cross_entropy(logits, target, ignore_index=ignore_index, reduction="sum") / n,
        "you summed; the loss is the mean over the counted samples.":
            F.cross_entropy(logits, target, ignore_index=ignore_index, reduction="sum"),
        "the samples whose target is ignore_index were counted (is -100 hard-coded instead of using "
        "ignore_index?): leave them out of both the sum and the count.":
            per.mean(),
        "logsumexp over dim 0 (the batch); the classes are dim 1.":
            ((torch.logsumexp(logits, dim=0).expand_as(logits).gather(1, safe.unsqueeze(1)).squeeze(1) - picked)
             * keep).sum() / keep.sum() if logits.shape[0] == logits.shape[1] else None,
        "the sign is flipped: the loss is logsumexp - logit of the target, never negative.":
            -F.cross_entropy(logits, target, ignore_index=ignore_index),
    }


def judge(exercise, logits, target, what, ignore_index=None):
    kwargs = {} if ignore_index is None else {"ignore_index": ignore_index}
    ii = -100 if ignore_index is None else ignore_index
    a = logits.detach().clone().requires_grad_()
    b = logits.detach().clone().requires_grad_()
    target_before = target.clone()
    try:
        with by_hand(GROUPS, WHY):
            got = exercise.cross_entropy(a, target, **kwargs)
    except (IndexError, RuntimeError) as exc:
        if isinstance(exc, NotImplementedError) or not (target == ii).any():
            raise
        fail(f"{what} raised {type(exc).__name__}: {str(exc).splitlines()[0][:160]}",
             hint=f"the ignored targets ({ii}) are no valid class index: replace them with a valid class (say 0) "
                  "before gathering, then mask those samples out"
                  + (" (target.clamp(min=0) mends only negative ones: torch.where(keep, target, 0) mends any)."
                     if ii >= 0 else "."))
    expect_tensor(got, what)
    expect(torch.equal(target, target_before), f"{what} changed target in place.",
           hint="make a new tensor (torch.where) instead of writing into target.")
    expect_shape(got, (), what, hint="the loss is one number: the mean over the counted samples.")
    ref = F.cross_entropy(b, target, ignore_index=ii)
    hint = None
    if not torch.isfinite(got).all() and torch.isfinite(ref).all():
        hint = ("exp() of 1000 overflows to inf, and log(softmax) of a probability that rounded to 0 is -inf: "
                "use torch.logsumexp (or log_softmax), never exp() then log().")
    found = {k: v for k, v in mistakes(logits, target, ii).items() if v is not None}
    if torch.isnan(ref):
        hint, found = ("every target is ignored, so the mean is 0 / 0 = nan, as F.cross_entropy gives (the docstring "
                       "asks for it): do not guard the division."), {}
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-5, equal_nan=True, hint=hint, mistakes=found)
    if not torch.isfinite(ref):
        return
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
           hint="no .item(), .detach() or .data inside: the loss must stay connected to the logits.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached the logits through {what}.")
    # Near +-1000, float32 keeps about 6e-5 of the logits' fractional part: softmax differs by ~1e-5 between
    # equally correct formulas.
    atol = 1e-4 if logits.abs().max() > 100 else 1e-6
    expect_close(a.grad, b.grad, f"the gradient of {what} with respect to the logits", rtol=1e-5, atol=atol,
                 hint="NaN here means an exp() overflowed inside the graph, even if the value looked fine."
                 if not torch.isfinite(a.grad).all() else None)


def test_plain_cross_entropy(exercise):
    for desc, logits, target in classification_cases(0):
        judge(exercise, logits, target, f"cross_entropy(logits, target) for {desc}")


def test_huge_logits_of_the_wrong_class(exercise):
    logits = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [0.5, -0.5, 1000.0]])
    target = torch.tensor([1, 2, 0])
    judge(exercise, logits, target, "cross_entropy(logits, target) with logits [[1000, -1000, 0], ...] "
          "and every target a wrong guess (expected loss about 1667)")


def test_ignore_index(exercise):
    g = torch.Generator().manual_seed(3)
    logits = torch.randn(8, 5, generator=g) * 2
    target = torch.tensor([0, -100, 3, 4, -100, 1, 2, -100])
    judge(exercise, logits, target, "cross_entropy(logits, target) with three targets = -100 (the default "
          "ignore_index)")
    t2 = torch.tensor([0, 2, 3, 0, 4, 0, 2, 1])
    judge(exercise, logits, t2, "cross_entropy(logits, target, ignore_index=0) (class 0 ignored)", ignore_index=0)
    t3 = torch.tensor([-1, 2, -1, 0, 4, 1, -1, 3])
    judge(exercise, huge_logits(8, 5, 4), t3, "cross_entropy(logits, target, ignore_index=-1) with logits of "
          "+-1000", ignore_index=-1)
    t4 = torch.tensor([255, 2, 3, 255, 4, 0, 255, 1])
    judge(exercise, logits, t4, "cross_entropy(logits, target, ignore_index=255) (an index beyond the 5 classes, "
          "as segmentation masks use)", ignore_index=255)
    judge(exercise, logits[:2], torch.tensor([-100, -100]), "cross_entropy(logits, target) with every target = -100 "
          "(all ignored: nan)")


def test_by_hand(exercise):
    expect_by_hand(exercise.cross_entropy, GROUPS, WHY)
