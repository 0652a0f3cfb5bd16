"""gen_ddpm_sample: generate with DDPM, one denoising step at a time.

Sampling runs the noising backwards. From x_t and the model's guess eps of the
noise in it, one step to x_{t-1} (0-based t, alphas and alpha_bars from betas as
in gen_ddpm_schedule) is
    mean = (x_t - betas[t] / sqrt(1 - alpha_bars[t]) * eps) / sqrt(alphas[t])
    x_{t-1} = mean + sqrt(betas[t]) * noise,   and at t = 0 no noise: x_0 = mean.
Write ddpm_step(x_t, t, eps, betas, noise) for a Python int t (the step of the
whole batch) and noise like x_t (not used at t = 0).
Write sample(model, shape, betas, generator): x = torch.randn(shape,
generator=generator) (pure noise), then for t = T-1 down to 0: eps =
model(x, torch.full((B,), t)) (int64 steps), one ddpm_step whose noise is
torch.randn(shape, generator=generator), drawn only when t > 0. Return x_0.

Read: torch.cumprod, torch.randn (generator=), torch.full, torch.no_grad
"""
import torch
from torch import nn


def ddpm_step(x_t: torch.Tensor, t: int, eps: torch.Tensor, betas: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    # TODO: alphas and alpha_bars from betas; the mean; noise added except at t = 0
    ...


@torch.no_grad()
def sample(model: nn.Module, shape: tuple[int, ...], betas: torch.Tensor,
           generator: torch.Generator | None = None) -> torch.Tensor:
    # TODO: start from pure noise; step from t = T-1 down to 0, drawing each step's noise only when t > 0
    ...


if __name__ == "__main__":
    betas = torch.linspace(1e-4, 0.02, 1000)
    abar = torch.cumprod(1 - betas, 0)
    target = torch.tensor([0.5, -1.0])        # all "data" is this one point: the perfect noise guess is known

    def perfect(x, t):
        a = abar[t].view(-1, 1)
        return (x - a.sqrt() * target) / (1 - a).sqrt()

    print(sample(perfect, (3, 2), betas, torch.Generator().manual_seed(0)))  # every row is the target
