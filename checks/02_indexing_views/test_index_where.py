import torch

from dlings.testing import expect_close, expect_tensor, fail


def reference(a, b):
    q = a / b
    return torch.where(b != 0, q, torch.zeros_like(q))


def test_safe_div(exercise):
    torch.manual_seed(0)
    for sa, sb in [((6,), (6,)), ((4, 5), (4, 5)), ((3, 4), (4,))]:
        a = torch.randn(sa)
        a.view(-1)[:2] = 0.0  # some 0 / 0 as well as x / 0
        b = torch.randint(-2, 3, sb).float()
        b.view(-1)[0] = 0.0
        got = expect_tensor(exercise.safe_div(a, b), f"safe_div(a, b) for a of shape {sa}, b of shape {sb}")
        inverted = torch.where(b == 0, a / b, torch.zeros(()))
        if got.shape == inverted.shape and got.is_floating_point() and torch.allclose(got, inverted, equal_nan=True):
            fail(f"safe_div(a, b) for a of shape {sa}, b of shape {sb} is 0 where b != 0, and inf/NaN where b == 0.",
                 hint="the condition is inverted: torch.where(cond, p, q) takes p where cond is True, so keep a / b where b != 0.")
        if got.is_floating_point() and not bool(torch.isfinite(got).all()):
            fail(f"safe_div(a, b) for a of shape {sa}, b of shape {sb} contains inf or NaN where b == 0.",
                 hint="multiplying by a mask does not remove them: 0 * inf = nan and 0 * nan = nan. "
                      "torch.where picks values instead of multiplying: torch.where(b != 0, a / b, 0.0).")
        expect_close(got, reference(a, b), what=f"safe_div(a, b) for a of shape {sa}, b of shape {sb}", mistakes={
            "adding a small epsilon to b turns x / 0 into a huge number (x * 1e8), not into 0; choose with torch.where.":
                a / (b + 1e-8),
        })
