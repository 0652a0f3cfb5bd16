"""gen_gaussian_kl: the VAE's KL term in closed form.

For q = N(mu, sigma^2) and p = N(0, 1), one latent dim has
KL(q || p) = 0.5 * (mu^2 + sigma^2 - 1 - log sigma^2), with no sampling.
Write gaussian_kl(mu, logvar) for mu, logvar of shape (B, D) (logvar =
log sigma^2): SUM the KL over the D latent dims, then MEAN over the batch,
a scalar. Use logvar as it is (sigma^2 = exp(logvar), log sigma^2 = logvar):
going through the std and back, log(std ** 2), gives -inf for logvar = -120
in float32.

Read: torch.exp, torch.distributions.kl_divergence (to check yourself)
"""
import torch


def gaussian_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    return (0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)).mean()


if __name__ == "__main__":
    print(gaussian_kl(torch.zeros(4, 8), torch.zeros(4, 8)))  # 0: q is already N(0, 1)
    print(gaussian_kl(torch.ones(2, 3), torch.zeros(2, 3)))  # 1.5: 0.5 * 1 per dim, 3 dims
