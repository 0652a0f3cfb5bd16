"""gen_vae_loss: one VAE forward pass and its loss (the negative ELBO).

The encoder gives (B, 2 * D): the first D columns are mu, the last D are
logvar. Sample z = mu + exp(0.5 * logvar) * eps with eps = torch.randn(
mu.shape, generator=generator, device=mu.device), decode
z to logits shaped like x (pixels in [0, 1]). Write vae_loss(encoder,
decoder, x, beta, generator) = recon + beta * kl, where recon is
BCE-with-logits SUMMED over each sample's pixels and averaged over the
batch, and kl is the closed-form KL to N(0, 1), summed over the D latent
dims and averaged over the batch (as in gen_gaussian_kl).

Read: torch.Tensor.chunk, torch.nn.functional.binary_cross_entropy_with_logits
"""
import torch
import torch.nn.functional as F
from torch import nn


def vae_loss(encoder: nn.Module, decoder: nn.Module, x: torch.Tensor, beta: float = 1.0,
             generator: torch.Generator | None = None) -> torch.Tensor:
    mu, logvar = encoder(x).chunk(2, dim=1)
    eps = torch.randn(mu.shape, generator=generator, device=mu.device)
    logits = decoder(mu + torch.exp(0.5 * logvar) * eps)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0]
    kl = (0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)).sum(dim=1).mean()
    return recon + beta * kl


if __name__ == "__main__":
    torch.manual_seed(0)
    enc = nn.Sequential(nn.Flatten(), nn.Linear(64, 2 * 4))
    dec = nn.Sequential(nn.Linear(4, 64), nn.Unflatten(1, (1, 8, 8)))
    x = torch.rand(5, 1, 8, 8)
    print(vae_loss(enc, dec, x, 1.0, torch.Generator().manual_seed(0)))  # about 64 * 0.7 + a small KL
