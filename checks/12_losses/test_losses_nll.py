import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import by_hand, expect_by_hand, huge_logits

WHY = "pick with gather (or indexing) and average yourself: F.nll_loss / F.cross_entropy are the references."
GROUPS = ["cross_entropy", "nll"]
LAST_DIM = ("the classes are dim 1, but you picked along the last dim (gather(-1, ...), or reshape(-1, C) without "
            "moving dim 1 last first with movedim(1, -1)): gather along dim 1.")


def shaped_cases(seed):
    """(description, scores (N, C, ...), target (N, ...)): class dim 1 in every rank."""
    g = torch.Generator().manual_seed(seed)
    for shape in [(6, 4), (1, 5), (4, 4, 4), (3, 4, 5), (2, 3, 3, 3), (2, 3, 4, 5)]:
        c = shape[1]
        scores = torch.randn(shape, generator=g) * 3
        target = torch.randint(0, c, (shape[0], *shape[2:]), generator=g)
        yield f"input of shape {shape}, target of shape {tuple(target.shape)}", scores, target


def wrong_values(inp, target, *, via_nll):
    """What the classic mistakes compute, or None where a mistake would not run on this shape."""
    out = {}
    c = inp.shape[1]
    if via_nll:
        out["log_softmax over the last dim instead of dim 1 (the classes)."] = \
            F.nll_loss(torch.log_softmax(inp, dim=-1), target) if inp.dim() > 2 else None
        out["no log_softmax: the raw logits went to nll_loss, which expects log-probabilities."] = \
            F.nll_loss(inp, target)
    else:
        out["nll_loss applied log_softmax itself; it must take its input as it is (it does no softmax)."] = \
            F.nll_loss(torch.log_softmax(inp, dim=1), target)
    out["the sign is missing: the loss is MINUS the mean log-probability of the target."] = \
        -F.nll_loss(inp if not via_nll else torch.log_softmax(inp, dim=1), target)
    out["you summed; the loss is the mean over every position."] = \
        F.nll_loss(inp if not via_nll else torch.log_softmax(inp, dim=1), target, reduction="sum")
    if inp.dim() > 2:
        lp = inp if not via_nll else torch.log_softmax(inp, dim=1)
        flat = lp.reshape(-1, c)
        if flat.shape[0] == target.numel():
            out[LAST_DIM] = F.nll_loss(flat, target.reshape(-1))
        try:  # runs (with wrong values) only where the shapes happen to allow it
            out[LAST_DIM.replace("you picked", "you gathered")] = -lp.gather(-1, target.unsqueeze(-1)).mean()
        except RuntimeError:
            pass
    return {k: v for k, v in out.items() if v is not None}


def judge(fn, inp, target, ref_fn, what, mistakes, atol=1e-5):
    a = inp.detach().clone().requires_grad_()
    b = inp.detach().clone().requires_grad_()
    with by_hand(GROUPS, WHY):
        got = fn(a, target)
    expect_tensor(got, what)
    expect_shape(got, (), what, hint="the loss is one number: the mean over all positions.")
    ref = ref_fn(b, target)
    hint = None
    if not torch.isfinite(got).all():
        hint = ("a probability of exp(-2000) rounds to 0 and log(0) is -inf: use torch.log_softmax (stable), "
                "never torch.log(torch.softmax(...)).")
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-5, hint=hint, mistakes=mistakes)
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
           hint="no .item(), .detach() or .data inside.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached the input of {what}.")
    expect_close(a.grad, b.grad, f"the gradient of {what}", rtol=1e-5, atol=atol)


def test_nll_loss(exercise):
    for desc, scores, target in shaped_cases(0):
        # Any scores will do: NLLLoss does not care whether they are normalised.
        judge(exercise.nll_loss, scores, target, F.nll_loss, f"nll_loss(scores, target) for {desc}",
              wrong_values(scores, target, via_nll=False))
    log_probs = torch.log_softmax(torch.randn(5, 3, dtype=torch.float64), dim=1)
    target = torch.tensor([0, 2, 1, 1, 0])
    judge(exercise.nll_loss, log_probs, target, F.nll_loss, "nll_loss(log_probs, target) for float64 log_probs (5, 3)",
          wrong_values(log_probs, target, via_nll=False))


def test_cross_entropy_via_nll(exercise):
    for desc, logits, target in shaped_cases(1):
        judge(exercise.cross_entropy_via_nll, logits, target, F.cross_entropy,
              f"cross_entropy_via_nll(logits, target) for {desc}", wrong_values(logits, target, via_nll=True))


def test_huge_logits(exercise):
    g = torch.Generator().manual_seed(2)
    for shape in [(5, 3), (2, 3, 4)]:
        logits = huge_logits(shape[0], shape[1] * (shape[2] if len(shape) > 2 else 1), 5).reshape(shape) * 2
        target = torch.randint(0, shape[1], (shape[0], *shape[2:]), generator=g)
        judge(exercise.cross_entropy_via_nll, logits, target, F.cross_entropy,
              f"cross_entropy_via_nll(logits, target) for logits of shape {shape} near +-2000",
              wrong_values(logits, target, via_nll=True), atol=1e-4)


def test_by_hand(exercise):
    for name in ["nll_loss", "cross_entropy_via_nll"]:
        expect_by_hand(getattr(exercise, name), GROUPS, WHY)
