import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_shape, expect_tensor, fail

# Each case: a few ms. A small model records what it was called with, so the check can say which part differs.


class Recorder(nn.Module):
    """A tiny noise predictor: x_t * w + t / T, remembering its inputs."""

    def __init__(self, T):
        super().__init__()
        self.w = nn.Parameter(torch.tensor(0.5))
        self.T = T
        self.calls = []

    def forward(self, x_t, t):
        self.calls.append((x_t.detach().clone(), t.detach().clone()))
        return x_t * self.w + (t.float() / self.T).view(-1, *([1] * (x_t.dim() - 1)))


def reference(x0, ab, seed):
    g = torch.Generator().manual_seed(seed)
    t = torch.randint(0, len(ab), (x0.shape[0],), generator=g)
    noise = torch.randn(x0.shape, generator=g)
    a = ab[t].view(-1, *([1] * (x0.dim() - 1)))
    return t, noise, a.sqrt() * x0 + (1 - a).sqrt() * noise


def test_ddpm_loss(exercise):
    g = torch.Generator().manual_seed(0)
    # (4, 2, 4, 3): B = H = 4, where abar[t].view(-1, 1) broadcasts silently along the wrong dim.
    for shape, T in [((6, 1, 4, 4), 1000), ((4, 2, 4, 3), 50), ((1, 3, 2, 2), 10), ((5, 8), 200)]:
        x0 = torch.rand(shape, generator=g) * 2 - 1
        ab = torch.cumprod(1 - torch.linspace(1e-3, 0.2, T), 0)
        model = Recorder(T)
        what = f"ddpm_loss(model, x0 of shape {shape}, alpha_bars of length {T}, generator)"
        got = exercise.ddpm_loss(model, x0.clone(), ab.clone(), torch.Generator().manual_seed(3))
        got = expect_tensor(got, what)
        expect_shape(got, (), what, hint="the loss is one number: the mean squared error over every element.")
        if len(model.calls) != 1:
            fail(f"{what} called the model {len(model.calls)} times; once is expected, model(x_t, t).")
        x_t, t = model.calls[0]
        rt, noise, rx_t = reference(x0, ab, 3)
        expect_shape(t, rt.shape, f"the t passed to the model in {what}",
                     hint="one step per image: torch.randint(0, T, (B,), generator=generator).")
        expect(bool(((t >= 0) & (t < T)).all()), f"the t passed to the model in {what} has steps outside 0..{T - 1}: "
               f"{t.tolist()}.", hint="steps are 0-based indices into alpha_bars: torch.randint(0, T, ...).")
        hint = "draw t FIRST, with torch.randint(0, T, (B,), generator=generator), then the noise."
        if x0.shape[0] > 1 and bool((t == t[0]).all()):
            hint = "every image got the same step: draw one step per image, torch.randint(0, T, (B,), ...)."
        elif t.tolist() == torch.randint(1, T, (x0.shape[0],), generator=torch.Generator().manual_seed(3)).tolist():
            hint = ("steps are 0-based indices into alpha_bars, 0..T-1: torch.randint(0, T, ...) (its high end is "
                    "excluded already).")
        expect_equal(t.tolist(), rt.tolist(), f"the t passed to the model in {what}", hint=hint)
        wrong_x = {"the model got x0; it must get the noised x_t.": x0}
        if x0.dim() > 2 and x0.shape[-2] == x0.shape[0]:
            a2 = ab[rt].view(-1, 1)
            wrong_x["alpha_bars[t].view(-1, 1) lines up with the wrong dim of a 4-D x0: reshape it to (B, 1, 1, 1)."] \
                = a2.sqrt() * x0 + (1 - a2).sqrt() * noise
        a = ab[rt].view(-1, *([1] * (x0.dim() - 1)))
        wrong_x["no square roots: x_t = sqrt(abar) * x0 + sqrt(1 - abar) * noise."] = a * x0 + (1 - a) * noise
        expect_close(x_t, rx_t, f"the x_t passed to the model in {what}", mistakes=wrong_x,
                     hint="noise = torch.randn(x0.shape, generator=generator), drawn right after t; "
                          "x_t = sqrt(abar[t]) * x0 + sqrt(1 - abar[t]) * noise.")
        pred = rx_t * 0.5 + (rt.float() / T).view(-1, *([1] * (x0.dim() - 1)))
        expect_close(got.detach(), F.mse_loss(pred, noise), what, mistakes={
            "the target is x0; the model learns to predict the NOISE: mse(model(x_t, t), noise).": F.mse_loss(pred, x0),
            "you summed the squared errors; take the mean.": F.mse_loss(pred, noise, reduction="sum"),
        }, hint="loss = F.mse_loss(model(x_t, t), noise).")
        got.backward()
        expect(model.w.grad is not None, f"no gradient reached the model's parameters through {what}.",
               hint="no .detach() or .item() on the model's output.")
