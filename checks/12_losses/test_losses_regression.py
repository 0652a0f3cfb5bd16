import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import by_hand, expect_by_hand

WHY = "write the formula from tensor operations (abs, where, mean); torch's loss functions are what you rebuild."


def cases(delta):
    """(pred, target) pairs: several shapes, big outliers, and residuals exactly on +-delta."""
    g = torch.Generator().manual_seed(int(delta * 10))
    yield torch.randn(7, generator=g) * 3, torch.randn(7, generator=g)
    yield torch.randn(3, 4, generator=g) * 2, torch.randn(3, 4, generator=g)
    yield torch.randn(1, 1, generator=g), torch.randn(1, 1, generator=g)
    yield torch.randn(2, 3, 4, generator=g).double() * 5, torch.randn(2, 3, 4, generator=g).double()
    edge = torch.tensor([delta, -delta, 0.0, delta * 1.01, -delta * 0.99, 50.0, -80.0, 0.1])
    yield edge, torch.zeros(8)
    yield (torch.randn(5, 3, generator=g) * 4).T, torch.randn(3, 5, generator=g)  # non-contiguous


def run(fn, p, t, what, ref_fn, mistakes, kink_at_zero=False):
    pa, ta = p.clone().requires_grad_(), t.clone().requires_grad_()
    pb, tb = p.clone().requires_grad_(), t.clone().requires_grad_()
    with by_hand(["regression"], WHY):
        got = fn(pa, ta)
    expect_tensor(got, what)
    expect_shape(got, (), what, hint="a loss is one number: the mean over ALL elements (no dim=).")
    ref = ref_fn(pb, tb)
    expect_close(got, ref, what, rtol=1e-5, atol=1e-6,
                 mistakes={cause: value(p, t) for cause, value in mistakes.items()})
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
           hint="no .item(), .detach() or .data: the loss must stay connected to pred.")
    got.backward()
    ref.backward()
    for name, a, b in [("pred", pa, pb), ("target", ta, tb)]:
        if a.grad is None:
            fail(f"no gradient reached {name} through {what}.", hint="the graph was cut (.detach(), .data?).")
        ga, gb = a.grad, b.grad
        if kink_at_zero:
            # |r| has no slope at r = 0: any value in [-1, 1] (over N) is a valid subgradient there
            # (torch.abs gives 0, torch.where(r > 0, r, -r) gives -1): compare the other elements only.
            at_kink = (p - t) == 0
            bound = 1.0 / p.numel() * (1 + 1e-5)
            expect(bool((ga[at_kink].abs() <= bound).all()),
                   f"the gradient of {what} with respect to {name} where pred == target should lie between "
                   f"-1/N and 1/N, got {ga[at_kink].tolist()}.", hint="nan or a huge value: no sqrt(r ** 2) for |r|.")
            ga, gb = torch.where(at_kink, 0, ga), torch.where(at_kink, 0, gb)
        expect_close(ga, gb, f"the gradient of {what} with respect to {name}", rtol=1e-5, atol=1e-7)


def test_mse(exercise):
    for p, t in cases(1.0):
        run(exercise.mse, p, t, f"mse(pred, target) for shape {tuple(p.shape)} ({p.dtype})", F.mse_loss, {
            "you summed; MSE is the MEAN of the squares.": lambda p, t: F.mse_loss(p, t, reduction="sum"),
            "you took the square root (that is RMSE).": lambda p, t: F.mse_loss(p, t).sqrt(),
            "you squared the mean difference; square first, then take the mean.": lambda p, t: (p - t).mean() ** 2,
        })


def test_mae(exercise):
    for p, t in cases(1.0):
        run(exercise.mae, p, t, f"mae(pred, target) for shape {tuple(p.shape)} ({p.dtype})", F.l1_loss, {
            "the absolute value is missing: positive and negative errors cancel out.": lambda p, t: (p - t).mean(),
            "you took the absolute value of the mean; take |r| first, then the mean.": lambda p, t: (p - t).mean().abs(),
            "you summed; MAE is the MEAN of |r|.": lambda p, t: F.l1_loss(p, t, reduction="sum"),
        }, kink_at_zero=True)


def huber_mistakes(delta):
    return {
        "that is SmoothL1 (quadratic part 0.5 * r**2 / delta, linear part |r| - 0.5 * delta): Huber is delta "
        "times it. Both agree only for delta = 1.": lambda p, t: F.smooth_l1_loss(p, t, beta=delta),
        "the linear part must be delta * (|r| - 0.5 * delta), so that both parts meet at |r| = delta.":
            lambda p, t: torch.where((p - t).abs() <= delta, 0.5 * (p - t) ** 2, delta * (p - t).abs()).mean(),
        "the quadratic part is 0.5 * r ** 2 (the 0.5 is missing).":
            lambda p, t: torch.where((p - t).abs() <= delta, (p - t) ** 2, delta * ((p - t).abs() - 0.5 * delta)).mean(),
        "the linear part needs |r|: with a signed r, big negative errors give negative losses.":
            lambda p, t: torch.where((p - t).abs() <= delta, 0.5 * (p - t) ** 2, delta * ((p - t) - 0.5 * delta)).mean(),
        "you summed; the loss is the mean over all elements.": lambda p, t: F.huber_loss(p, t, delta=delta, reduction="sum"),
    }


def test_huber(exercise):
    for delta in [0.5, 2.0, 3.7, 1.0]:
        for p, t in cases(delta):
            run(lambda a, b: exercise.huber(a, b, delta=delta), p, t,
                f"huber(pred, target, delta={delta}) for shape {tuple(p.shape)} ({p.dtype})",
                lambda a, b: F.huber_loss(a, b, delta=delta), huber_mistakes(delta))


def test_huber_default_delta(exercise):
    p, t = next(cases(1.0))
    run(exercise.huber, p, t, "huber(pred, target) with the default delta", F.huber_loss, huber_mistakes(1.0))


def test_outlier_pull_is_capped(exercise):
    """The point of Huber: the gradient on one far-off prediction is delta / N, not 2r / N."""
    p = torch.tensor([0.1, -0.2, 100.0, 0.0], requires_grad=True)
    with by_hand(["regression"], WHY):
        exercise.huber(p, torch.zeros(4), delta=2.0).backward()
    expect(p.grad is not None and abs(p.grad[2].item() - 0.5) < 1e-6,
           f"the gradient of huber(pred, zeros, delta=2.0) on the outlier pred = 100 should be delta / N = 0.5, "
           f"got {None if p.grad is None else round(p.grad[2].item(), 6)}.",
           hint="beyond delta the loss is linear, so its slope is delta (times 1/N for the mean).")


def test_by_hand(exercise):
    for name in ["mse", "mae", "huber"]:
        expect_by_hand(getattr(exercise, name), ["regression"], WHY)
