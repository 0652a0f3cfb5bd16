import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import by_hand, expect_by_hand

WHY = "write the stable formula from logaddexp (or softplus); F.binary_cross_entropy_with_logits is the reference."
GROUPS = ["bce_logits"]
BCELOSS_TRAP = ("that is sigmoid + BCELoss (F.binary_cross_entropy): it clamps log(0) to -100, so a logit of -200 "
                "for a positive costs 100 instead of 200, with a gradient of 0. Work from the logits.")


def cases():
    g = torch.Generator().manual_seed(0)
    yield "z (8,), hard labels", torch.randn(8, generator=g) * 3, (torch.rand(8, generator=g) < 0.5).float(), None
    yield "z (6, 3), pos_weight (3,)", torch.randn(6, 3, generator=g) * 2, \
        (torch.rand(6, 3, generator=g) < 0.3).float(), torch.tensor([1.0, 4.0, 0.5])
    yield "z (2, 4, 3) with logits of +-200, pos_weight (3,)", \
        torch.where(torch.rand(2, 4, 3, generator=g) < 0.5, -200.0, 200.0) + torch.randn(2, 4, 3, generator=g), \
        (torch.rand(2, 4, 3, generator=g) < 0.5).float(), torch.tensor([2.0, 1.0, 9.0])
    yield "z (5, 2), soft labels, pos_weight (2,)", torch.randn(5, 2, generator=g) * 2, \
        torch.rand(5, 2, generator=g), torch.tensor([3.0, 0.25])
    yield "z (1, 1), pos_weight (1,)", torch.tensor([[-1000.0]]), torch.tensor([[1.0]]), torch.tensor([7.0])
    yield "float64 z (4, 2), pos_weight (2,)", torch.randn(4, 2, generator=g, dtype=torch.float64) * 3, \
        (torch.rand(4, 2, generator=g) < 0.5).double(), torch.tensor([2.0, 3.0], dtype=torch.float64)


def wrong(z, y, pw):
    pw1 = torch.ones(()) if pw is None else pw
    lp, lnp = F.logsigmoid(z), F.logsigmoid(-z)
    out = {
        BCELOSS_TRAP: F.binary_cross_entropy(torch.sigmoid(z), y, weight=None)
        if pw is None else -(pw1 * y * lp.clamp(min=-100) + (1 - y) * lnp.clamp(min=-100)).mean(),
        "pos_weight went on the negatives' term; it multiplies y * log(sigmoid(z)), the positives' term.":
            -(y * lp + pw1 * (1 - y) * lnp).mean(),
        "pos_weight multiplied the whole loss; it weights only the positives' term y * log(sigmoid(z)).":
            -(pw1 * (y * lp + (1 - y) * lnp)).mean(),
        "pos_weight was ignored.": F.binary_cross_entropy_with_logits(z, y),
        "you summed; the loss is the mean over all elements.":
            F.binary_cross_entropy_with_logits(z, y, pos_weight=pw, reduction="sum"),
        "you divided by the sum of the weights; the loss is the plain mean over all elements.":
            -(pw1 * y * lp + (1 - y) * lnp).sum() / (pw1 * y + (1 - y)).sum(),
        "log(sigmoid(z)) is -softplus(-z), not -softplus(z): the two terms are swapped.":
            -(pw1 * y * lnp + (1 - y) * lp).mean(),
    }
    if pw is None:
        del out["pos_weight was ignored."]
    return out


def judge(exercise, z, y, pw, what):
    a = z.detach().clone().requires_grad_()
    b = z.detach().clone().requires_grad_()
    kwargs = {} if pw is None else {"pos_weight": pw}
    with by_hand(GROUPS, WHY):
        got = exercise.bce_with_logits(a, y, **kwargs)
    expect_tensor(got, what)
    expect_shape(got, (), what, hint="the loss is one number: the mean over all elements.")
    ref = F.binary_cross_entropy_with_logits(b, y, pos_weight=pw)
    hint = None
    if not torch.isfinite(got):
        hint = ("sigmoid(z) rounds to exactly 0 or 1 for large |z|, so log(sigmoid(z)) or log(1 - sigmoid(z)) is "
                "-inf: use -logaddexp(0, -z) and -logaddexp(0, z).")
    elif z.abs().max() > 100 and got.item() < 0.9 * ref.item():
        hint = ("the big logits were capped (a clamp of z, or of the log?): a confident mistake must cost its full "
                "size, about |z|. logaddexp needs no clamp.")
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-5, hint=hint, mistakes=wrong(z, y, pw))
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached z through {what}.")
    expect_close(a.grad, b.grad, f"the gradient of {what} with respect to z", rtol=1e-5, atol=1e-7, hint=(
        "the gradient vanished where the logit is far on the wrong side: that is what sigmoid + BCELoss does. "
        "d loss / dz should be (sigmoid(z) - y) times the weights, never 0 for a confident mistake.")
        if bool(((a.grad == 0) & (b.grad != 0)).any()) else None)


def test_values_and_gradients(exercise):
    for desc, z, y, pw in cases():
        judge(exercise, z, y, pw, f"bce_with_logits(z, y{'' if pw is None else ', pos_weight'}) for {desc}")


def test_confident_mistakes_still_teach(exercise):
    z = torch.tensor([-200.0, 200.0, 0.5, -1000.0])
    y = torch.tensor([1.0, 0.0, 1.0, 1.0])
    judge(exercise, z, y, None, "bce_with_logits(z, y) for z = [-200, 200, 0.5, -1000], y = [1, 0, 1, 1] "
          "(expected (200 + 200 + 0.474 + 1000) / 4 = 350.12)")


def test_by_hand(exercise):
    expect_by_hand(exercise.bce_with_logits, GROUPS, WHY)
