# Draws a noise tensor at t = 0 too (unused there, but it consumes the generator).
import torch
import torch.nn.functional as F
from torch import nn
def ddpm_step(x_t, t, eps, betas, noise):
    alphas = 1 - betas
    ab = torch.cumprod(alphas, 0)
    mean = (x_t - betas[t] / torch.sqrt(1 - ab[t]) * eps) / torch.sqrt(alphas[t])
    return mean if t == 0 else mean + torch.sqrt(betas[t]) * noise
@torch.no_grad()
def sample(model, shape, betas, generator=None):
    T = len(betas)
    x = torch.randn(shape, generator=generator)
    for t in range(T - 1, -1, -1):
        eps = model(x, torch.full((shape[0],), t))
        noise = torch.randn(shape, generator=generator)
        x = ddpm_step(x, t, eps, betas, noise)
    return x
