import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import by_hand, classification_cases, expect_by_hand

WHY = "build the smoothed target and the cross-entropy against it yourself; F.cross_entropy is the reference."
GROUPS = ["cross_entropy", "nll"]


def wrong(logits, target, eps):
    c = logits.shape[1]
    lp = torch.log_softmax(logits, dim=1)
    one_hot = F.one_hot(target, c).to(lp.dtype)
    nll = -(one_hot * lp).sum(1)
    out = {
        "the uniform part must be spread over all C classes, the true one included (eps / C each), not over the "
        "C - 1 others.": (-(((1 - eps) * one_hot + eps / (c - 1) * (1 - one_hot)) * lp).sum(1)).mean() if c > 1 else None,
        "the uniform part is eps times the MEAN over classes of -log p (q gives each class eps / C), not the sum.":
            ((1 - eps) * nll - eps * lp.sum(1)).mean(),
        "the true class keeps only (1 - eps) of the one-hot mass: (1 - eps) * one_hot + eps / C.":
            (nll - eps * lp.mean(1)).mean(),
        "you smoothed the probabilities, -log((1 - eps) p + eps / C); smooth the TARGET and keep log_softmax.":
            (-torch.log((1 - eps) * lp.exp() + eps / c).gather(1, target.unsqueeze(1))).mean(),
        "eps was ignored: that is the plain cross-entropy.": nll.mean(),
        "you summed over the samples; the loss is their mean.":
            F.cross_entropy(logits, target, label_smoothing=eps, reduction="sum"),
    }
    return {k: v for k, v in out.items() if v is not None}


def judge(exercise, logits, target, eps, what):
    a = logits.detach().clone().requires_grad_()
    b = logits.detach().clone().requires_grad_()
    before = target.clone()
    with by_hand(GROUPS, WHY):
        got = exercise.smoothed_cross_entropy(a, target, eps)
    expect_tensor(got, what)
    expect(torch.equal(target, before), f"{what} changed target in place.")
    expect_shape(got, (), what, hint="the loss is one number: the mean over the samples.")
    ref = F.cross_entropy(b, target, label_smoothing=eps)
    hint = None
    if not torch.isfinite(got):
        hint = ("with logits of +-1000 some probabilities are exactly 0 in float32, and log(0) is -inf (0 * -inf is "
                "nan): use torch.log_softmax, which stays finite.")
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-5, hint=hint, mistakes=wrong(logits, target, eps))
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached the logits through {what}.")
    expect_close(a.grad, b.grad, f"the gradient of {what}", rtol=1e-5, atol=1e-4 if logits.abs().max() > 100 else 1e-6,
                 hint=None if torch.isfinite(a.grad).all() else "nan in the gradient: 0 * log(0) somewhere in the "
                 "graph. Use log_softmax and no log(softmax).")


def test_smoothing(exercise):
    for eps in [0.1, 0.3]:
        for desc, logits, target in classification_cases(4):
            judge(exercise, logits, target, eps, f"smoothed_cross_entropy(logits, target, eps={eps}) for {desc}")


def test_edge_values_of_eps(exercise):
    g = torch.Generator().manual_seed(5)
    logits = torch.randn(5, 4, generator=g) * 2
    target = torch.randint(0, 4, (5,), generator=g)
    judge(exercise, logits, target, 0.0, "smoothed_cross_entropy(logits, target, eps=0.0) (plain cross-entropy)")
    judge(exercise, logits, target, 1.0, "smoothed_cross_entropy(logits, target, eps=1.0) (the uniform part alone)")


def test_overconfidence_costs(exercise):
    """The point: with eps > 0, a huge margin on the right class is penalised; without it the loss is 0."""
    logits = torch.tensor([[1000.0, -1000.0, -1000.0, -1000.0]])
    target = torch.tensor([0])
    judge(exercise, logits, target, 0.1, "smoothed_cross_entropy(logits, target, eps=0.1) for a sample predicted "
          "right with a margin of 2000 (expected 0.1 * 3/4 * 2000 = 150)")


def test_by_hand(exercise):
    expect_by_hand(exercise.smoothed_cross_entropy, GROUPS, WHY)
