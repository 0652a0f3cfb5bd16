"""gen_ddpm_loss: the DDPM training loss (predict the noise).

To train a diffusion model, pick for each image a random step t, noise it
in one go with q(x_t | x_0) (gen_ddpm_schedule), and ask the model for the
noise that was added: loss = MSE(model(x_t, t), noise), averaged.
Write ddpm_loss(model, x0, alpha_bars, generator), x0 of any shape (B, ...):
draw, in this order, t = torch.randint(0, T, (B,), generator=generator)
(T = len(alpha_bars), one step per image) and noise = torch.randn(x0.shape,
generator=generator); build x_t = sqrt(abar[t]) * x0 + sqrt(1 - abar[t]) *
noise (abar[t] shaped to broadcast over x0); return the MSE against the noise.

Read: torch.randint, torch.nn.functional.mse_loss
"""
import torch
import torch.nn.functional as F
from torch import nn


def ddpm_loss(model: nn.Module, x0: torch.Tensor, alpha_bars: torch.Tensor,
              generator: torch.Generator | None = None) -> torch.Tensor:
    t = torch.randint(0, len(alpha_bars), (x0.shape[0],), generator=generator)
    noise = torch.randn(x0.shape, generator=generator)
    a = alpha_bars[t].view(-1, 1)
    x_t = a.sqrt() * x0 + (1 - a).sqrt() * noise
    return F.mse_loss(model(x_t, t), noise)


if __name__ == "__main__":
    alpha_bars = torch.cumprod(1 - torch.linspace(1e-4, 0.02, 1000), 0)
    zero = lambda x_t, t: torch.zeros_like(x_t)  # noqa: E731 (predicts no noise at all)
    print(ddpm_loss(zero, torch.rand(8, 1, 4, 4), alpha_bars, torch.Generator().manual_seed(0)))  # about 1
