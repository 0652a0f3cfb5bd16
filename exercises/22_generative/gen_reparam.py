"""gen_reparam: the VAE reparameterisation trick.

A VAE's encoder gives, per latent dim, a mean mu and a log-variance logvar
(logvar, not the std: any real number is a valid log-variance). Sampling
z ~ N(mu, exp(logvar)) directly has no gradient; written as
z = mu + std * eps with eps ~ N(0, 1) drawn apart, the gradient flows to mu
and logvar. Write reparameterize(mu, logvar, generator): std = exp(0.5 *
logvar), eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype,
device=mu.device) (exactly this call, so a seeded generator gives known eps).

Read: torch.exp, torch.randn (generator=), torch.distributions.Normal.rsample
"""
import torch


def reparameterize(mu: torch.Tensor, logvar: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    # TODO: std from logvar, eps from the generator, then mu + std * eps
    ...


if __name__ == "__main__":
    mu = torch.zeros(2, 3, requires_grad=True)
    logvar = torch.zeros(2, 3, requires_grad=True)
    z = reparameterize(mu, logvar, torch.Generator().manual_seed(0))
    z.sum().backward()
    print(z, mu.grad, logvar.grad, sep="\n")  # mu.grad is all ones; logvar.grad is 0.5 * eps
