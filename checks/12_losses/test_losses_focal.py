import torch
import torch.nn.functional as F
import torchvision.ops
import torchvision.ops.focal_loss

from dlings.testing import calls_in, expect, expect_close, expect_shape, expect_tensor, fail, forbid_calls

WHY = "write the modulation yourself; torchvision.ops.sigmoid_focal_loss is the reference it is checked against."
BANNED = {"torchvision.ops.sigmoid_focal_loss": (torchvision.ops, "sigmoid_focal_loss"),
          "torchvision.ops.focal_loss.sigmoid_focal_loss": (torchvision.ops.focal_loss, "sigmoid_focal_loss")}
REFERENCE = torchvision.ops.sigmoid_focal_loss


def reference(z, y, alpha, gamma, reduction="mean"):
    return REFERENCE(z, y, alpha=-1 if alpha is None else alpha, gamma=gamma, reduction=reduction)


def wrong(z, y, alpha, gamma):
    ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    p = torch.sigmoid(z)
    p_t = p * y + (1 - p) * (1 - y)
    a = 1.0 if alpha is None else alpha
    alpha_t = a * y + (1 - a) * (1 - y)
    swapped = (1 - a) * y + a * (1 - y)
    out = {
        "the factor is (1 - p_t) ** gamma, which fades out CONFIDENT right answers; p_t ** gamma fades out the "
        "mistakes instead.": (alpha_t * p_t ** gamma * ce).mean(),
        "alpha belongs to the positives (y = 1) and 1 - alpha to the negatives: they are swapped.":
            (swapped * (1 - p_t) ** gamma * ce).mean(),
        "gamma was ignored: that is the alpha-weighted BCE without the (1 - p_t) ** gamma factor.":
            (alpha_t * ce).mean(),
        "gamma multiplied (1 - p_t) instead of being its exponent.": (alpha_t * gamma * (1 - p_t) * ce).mean(),
        "you summed; the loss is the mean over all elements.": reference(z, y, alpha, gamma, reduction="sum"),
    }
    if alpha == 0:
        out["alpha=0.0 is a real alpha (all the weight on the negatives), not None: test `alpha is not None`, not `if alpha:`."] = reference(z, y, None, gamma)
    if alpha is None:
        out["alpha=None means no alpha_t factor at all; the default 0.25 was used anyway."] = \
            reference(z, y, 0.25, gamma)
    return out


def cases():
    g = torch.Generator().manual_seed(0)
    yield "z (10,)", torch.randn(10, generator=g) * 3, (torch.rand(10, generator=g) < 0.3).float()
    yield "z (4, 5)", torch.randn(4, 5, generator=g) * 2, (torch.rand(4, 5, generator=g) < 0.5).float()
    yield "z (2, 3, 4) of +-1000", torch.where(torch.rand(2, 3, 4, generator=g) < 0.5, -1000.0, 1000.0) \
        + torch.randn(2, 3, 4, generator=g), (torch.rand(2, 3, 4, generator=g) < 0.5).float()
    yield "z (1,)", torch.tensor([-0.7]), torch.tensor([1.0])
    yield "float64 z (6,)", torch.randn(6, generator=g, dtype=torch.float64) * 2, \
        (torch.rand(6, generator=g) < 0.5).double()


def judge(exercise, z, y, alpha, gamma, what, kwargs):
    a = z.detach().clone().requires_grad_()
    b = z.detach().clone().requires_grad_()
    with forbid_calls(BANNED, why=WHY):
        got = exercise.focal_loss(a, y, **kwargs)
    expect_tensor(got, what)
    expect_shape(got, (), what, hint="the loss is one number: the mean over all elements.")
    ref = reference(b, y, alpha, gamma)
    hint = None
    if not torch.isfinite(got):
        hint = ("-log(p_t) is inf when p_t rounds to 0 (a logit of -1000 for a positive): take the BCE part "
                "from the logits, F.binary_cross_entropy_with_logits(z, y, reduction='none') or logaddexp.")
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-6, hint=hint, mistakes=wrong(z, y, alpha, gamma))
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached z through {what}.")
    expect_close(a.grad, b.grad, f"the gradient of {what} with respect to z", rtol=1e-4, atol=1e-6,
                 hint=None if torch.isfinite(a.grad).all() else "nan/inf in the gradient: a log of 0 or an exp "
                 "overflow inside the graph; use the stable BCE.")


def test_defaults(exercise):
    for desc, z, y in cases():
        judge(exercise, z, y, 0.25, 2.0, f"focal_loss(z, y) for {desc}", {})


def test_other_alpha_and_gamma(exercise):
    for alpha, gamma in [(0.75, 1.0), (None, 2.0), (0.5, 3.5), (0.25, 0.0), (0.0, 2.0)]:
        for desc, z, y in list(cases())[:3]:
            judge(exercise, z, y, alpha, gamma, f"focal_loss(z, y, alpha={alpha}, gamma={gamma}) for {desc}",
                  {"alpha": alpha, "gamma": gamma})


def test_easy_examples_fade_out(exercise):
    """The point of it: a confident right answer costs (1 - p_t)^2 times its BCE, a hard one nearly all of it."""
    z = torch.tensor([5.0, -5.0, -3.0, 0.0])
    y = torch.tensor([1.0, 0.0, 1.0, 0.0])
    judge(exercise, z, y, None, 2.0, "focal_loss(z, y, alpha=None) for z = [5, -5, -3, 0], y = [1, 0, 1, 0]",
          {"alpha": None, "gamma": 2.0})


def test_not_calling_torchvision(exercise):
    mine = vars(exercise)
    for name, value in mine.items():
        if value is REFERENCE:
            fail(f"your file imports torchvision's sigmoid_focal_loss (as `{name}`).", hint=WHY)
    for name in calls_in(exercise.focal_loss):
        if name.endswith("sigmoid_focal_loss"):
            fail(f"focal_loss uses `{name}`.", hint=WHY)
