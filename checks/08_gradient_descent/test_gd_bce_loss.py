import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_grad, expect_shape, fail
from support_08_gradient_descent import expect_no_nn_or_optim, no_nn_or_optim


def _case(shape, seed, scale):
    g = torch.Generator().manual_seed(seed)
    z = torch.randn(shape, generator=g) * scale
    y = (torch.rand(shape, generator=g) < 0.5).float()
    return z, y


def _naive(z, y):
    p = torch.sigmoid(z)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


def test_values(exercise):
    for shape, seed, scale in [((10,), 0, 2.0), ((4, 5), 1, 3.0), ((16,), 2, 100.0)]:
        z, y = _case(shape, seed, scale)
        with no_nn_or_optim():
            got = exercise.bce_with_logits(z, y)
        what = f"bce_with_logits(z, y), z of shape {shape} with logits up to about {scale * 2:g}"
        expect_shape(got, (), what, hint="the loss is one number: the mean over all elements.")
        ref = F.binary_cross_entropy_with_logits(z, y)
        expect_close(got, ref, what=what, rtol=1e-5, atol=1e-5, mistakes={
            "you summed; the loss is the mean over all elements.":
                F.binary_cross_entropy_with_logits(z, y, reduction="sum"),
            "the sign is flipped: the loss is log(1 + exp(z)) - y * z, always >= 0.": -ref,
            "labels swapped: the y * z term belongs to the positive class (y = 1).":
                F.binary_cross_entropy_with_logits(z, 1 - y),
        }, hint="log(sigmoid(z)), log(1 - sigmoid(z)) and exp(z) break down for large |z|: use the stable "
                "logaddexp(0, z) - y * z form." if not torch.isfinite(_naive(z, y)) else None)


def test_gradient_wrt_logits(exercise):
    for shape, seed, scale in [((12,), 3, 2.0), ((3, 4), 4, 100.0)]:
        z, y = _case(shape, seed, scale)
        z.requires_grad_()
        loss = exercise.bce_with_logits(z, y)
        if loss.grad_fn is None:
            fail("the loss has no grad_fn: it is not connected to z.", hint="no .item(), .detach() or .data inside.")
        loss.backward()
        n = z.numel()
        expect_grad(z, (torch.sigmoid(z.detach()) - y) / n,
                    what=f"z.grad after bce_with_logits(z, y).backward(), z of shape {shape}",
                    hint="dLoss/dz is (sigmoid(z) - y) / N; nan here usually means an unstable log of sigmoid.")


def test_no_nn(exercise):
    expect_no_nn_or_optim(exercise)
