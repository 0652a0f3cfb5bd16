"""gen_ddpm_schedule: the DDPM forward process in closed form.

DDPM adds noise in T steps: x_t = sqrt(alpha_t) x_{t-1} + sqrt(beta_t) eps,
alpha_t = 1 - beta_t. Any step can be reached from x_0 in one go:
q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I), abar_t = alpha_1 * ... * alpha_t.
Write linear_schedule(T, beta_start, beta_end) -> (betas, alphas, alpha_bars),
each of shape (T,): betas evenly spaced from beta_start to beta_end, both
included; step t (0-based) has alpha_bars[t] = alphas[0] * ... * alphas[t].
Write q_sample(x0, t, alpha_bars, noise): x0 (B, ...), t (B,) int64 steps,
noise like x0; row b is sqrt(abar[t_b]) * x0[b] + sqrt(1 - abar[t_b]) * noise[b].

Read: torch.linspace, torch.cumprod, Tensor.view (reshape abar[t] to (B, 1, ...))
"""
import torch


def linear_schedule(T: int, beta_start: float = 1e-4, beta_end: float = 0.02):
    betas = torch.linspace(beta_start, beta_end, T)
    alphas = 1.0 - betas
    alpha_bars = torch.cumprod(alphas, dim=0)
    return betas, alphas, alpha_bars


def q_sample(x0: torch.Tensor, t: torch.Tensor, alpha_bars: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    abar = alpha_bars[t].view(-1, *([1] * (x0.dim() - 1)))
    return abar.sqrt() * x0 + (1 - abar) * noise


if __name__ == "__main__":
    betas, alphas, alpha_bars = linear_schedule(1000)
    print(alpha_bars[[0, 499, 999]])  # ~0.9999, ~0.08, ~4e-5: by the end x_t is almost pure noise
    x0 = torch.ones(2, 1, 4, 4)
    print(q_sample(x0, torch.tensor([0, 999]), alpha_bars, torch.zeros_like(x0))[:, 0, 0, 0])
