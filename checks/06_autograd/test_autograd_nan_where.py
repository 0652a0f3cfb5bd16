import torch

from dlings.testing import expect_close

NAN_HINT = ("the gradient has NaN: torch.where (like masked_fill) sends a zero gradient into the log branch where x <= 0, and "
            "0 * (1/0) = NaN. Feed log a harmless value there: torch.where(x > 0, x, torch.ones_like(x)).")


def test_log_or_zero(exercise):
    torch.manual_seed(0)
    for shape in [(6,), (3, 4)]:
        x0 = torch.randn(shape).abs() * 2
        x0.view(-1)[::3] = 0.0                       # exact zeros
        x0.view(-1)[1::4] *= -1                      # negatives
        x = x0.clone().requires_grad_(True)
        out = exercise.log_or_zero(x)
        pos = x0 > 0
        want = torch.where(pos, torch.log(torch.where(pos, x0, torch.ones_like(x0))), torch.zeros_like(x0))
        expect_close(out, want, f"log_or_zero(x) for x of shape {shape} (with zeros and negatives)",
                     rtol=1e-5, atol=1e-6,
                     hint="where x <= 0 the result must be exactly 0; adding an epsilon or clamping changes the "
                          "values. Keep the outer torch.where and fix only what log sees.")
        v = torch.randn(shape)
        (out * v).sum().backward()
        want_grad = torch.where(pos, v / torch.where(pos, x0, torch.ones_like(x0)), torch.zeros_like(x0))
        expect_close(x.grad, want_grad, f"x.grad after backward through log_or_zero(x), shape {shape}",
                     rtol=1e-5, atol=1e-6, hint=NAN_HINT if bool(torch.isnan(x.grad).any()) else None)
