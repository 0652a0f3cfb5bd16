import math

import torch
from torch.distributions import Normal, kl_divergence

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail

# Each test: well under 100 ms (the Monte-Carlo one draws 200000 x 3 samples).


def per_dim(mu, logvar):
    return 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)


def wrong(mu, logvar):
    k = per_dim(mu, logvar)
    std = torch.exp(0.5 * logvar)
    return {
        "you summed over the batch too: SUM over the latent dims (dim 1), then MEAN over the batch (dim 0).": k.sum(),
        "you averaged over every element: SUM over the latent dims (dim 1), then MEAN over the batch.": k.mean(),
        "you averaged over the latent dims and summed over the batch: it is the other way round.": k.mean(1).sum(),
        "the 0.5 is missing: KL = 0.5 * (mu^2 + sigma^2 - 1 - log sigma^2).": 2 * k.sum(1).mean(),
        "the sign is flipped: the KL is never negative; KL = 0.5 * (mu^2 + exp(logvar) - 1 - logvar).": -k.sum(1).mean(),
        "you used logvar as the std (sigma^2 = logvar^2): it is the LOG-variance, sigma^2 = exp(logvar).":
            (0.5 * (mu.pow(2) + logvar.pow(2) - 1 - torch.log(logvar.pow(2)))).sum(1).mean(),
        "you used exp(logvar) as sigma, so sigma^2 = exp(2 * logvar): sigma^2 = exp(logvar).":
            (0.5 * (mu.pow(2) + (2 * logvar).exp() - 1 - 2 * logvar)).sum(1).mean(),
        "the -1 is missing: KL = 0.5 * (mu^2 + sigma^2 - 1 - log sigma^2), which is 0 when mu = 0, sigma = 1.":
            (0.5 * (mu.pow(2) + std.pow(2) - logvar)).sum(1).mean(),
    }


def judge(exercise, mu, logvar, want, what, hint=None):
    m = mu.clone().requires_grad_()
    lv = logvar.clone().requires_grad_()
    got = exercise.gaussian_kl(m, lv)
    got = expect_tensor(got, what)
    expect_shape(got, (), what, hint="one number: summed over the latent dims, averaged over the batch.")
    if not torch.isfinite(got).all():
        fail(f"{what} is {float(got)}, but the KL here is {float(want):.6g}.",
             hint=hint or "look for log(0) or exp overflow: log sigma^2 is logvar itself.")
    expect_close(got.detach(), want, what, mistakes=wrong(mu, logvar), hint=hint or (
        "KL = 0.5 * (mu^2 + exp(logvar) - 1 - logvar) per latent dim (check each sign), "
        "summed over dim 1, then the mean over the batch."))
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
           hint="no .item(), .detach() or torch.no_grad() inside: the VAE trains on this loss.")
    got.backward()
    if m.grad is None or lv.grad is None:
        fail(f"no gradient reached {'mu' if m.grad is None else 'logvar'} through {what}.")
    b = mu.shape[0]
    expect_close(m.grad, mu / b, f"the gradient of {what} with respect to mu",
                 hint="d KL / d mu = mu / B (the mean over the batch divides by B).")
    expect_close(lv.grad, 0.5 * (logvar.exp() - 1) / b, f"the gradient of {what} with respect to logvar",
                 hint="d KL / d logvar = 0.5 * (exp(logvar) - 1) / B.")


def test_against_torch_distributions(exercise):
    g = torch.Generator().manual_seed(0)
    for shape, dtype in [((8, 4), torch.float32), ((1, 6), torch.float32), ((5, 1), torch.float32),
                         ((3, 7), torch.float64)]:
        mu = torch.randn(shape, generator=g, dtype=dtype) * 2
        logvar = torch.randn(shape, generator=g, dtype=dtype) * 1.5
        q = Normal(mu, torch.exp(0.5 * logvar))
        p = Normal(torch.zeros_like(mu), torch.ones_like(mu))
        want = kl_divergence(q, p).sum(1).mean()
        judge(exercise, mu, logvar, want, f"gaussian_kl(mu, logvar) for shape {shape} ({dtype})")


def test_zero_at_standard_normal(exercise):
    z = torch.zeros(4, 3)
    judge(exercise, z, z, torch.tensor(0.0), "gaussian_kl(zeros(4, 3), zeros(4, 3)) (q is N(0, 1) already)")


def test_extreme_logvar(exercise):
    # logvar = -120: sigma^2 = exp(-120) is 7.7e-53, which float32 cannot hold: log(std ** 2) is -inf there.
    mu = torch.tensor([[0.5, -1.0, 0.0], [2.0, 0.0, 1.0]])
    logvar = torch.tensor([[-120.0, 3.0, 0.0], [-60.0, 8.0, -1.0]])
    want = per_dim(mu.double(), logvar.double()).sum(1).mean().float()
    judge(exercise, mu, logvar, want, "gaussian_kl(mu, logvar) with logvar down to -120 (float32)",
          hint="use logvar as it is for log sigma^2 and exp(logvar) for sigma^2: computing std = exp(0.5 * logvar) "
               "and then log(std ** 2) underflows to log(0) = -inf for very negative logvar.")


def test_monte_carlo(exercise):
    # KL(q || p) = E_q[log q(z) - log p(z)]: 200000 samples, within 5 standard errors.
    mu = torch.tensor([[1.0, -0.5, 0.0], [0.0, 2.0, -1.0]], dtype=torch.float64)
    logvar = torch.tensor([[0.5, -1.0, 1.0], [0.0, -0.3, 0.8]], dtype=torch.float64)
    q = Normal(mu, torch.exp(0.5 * logvar))
    z = mu + torch.exp(0.5 * logvar) * torch.randn(
        (200000, *mu.shape), generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    terms = (q.log_prob(z) - Normal(0.0, 1.0).log_prob(z)).sum(-1).mean(-1)  # (samples,): the batch-mean KL
    mc, se = terms.mean(), terms.std() / math.sqrt(len(terms))
    got = exercise.gaussian_kl(mu, logvar)
    got = expect_tensor(got, "gaussian_kl(mu, logvar) for a (2, 3) float64 batch")
    expect(abs(float(got) - float(mc)) < 5 * float(se),
           f"gaussian_kl(mu, logvar) is {float(got):.4f}, but a Monte-Carlo estimate of the same KL (200000 samples "
           f"of log q(z) - log p(z)) is {float(mc):.4f} +- {float(se):.4f}.",
           hint="KL = 0.5 * (mu^2 + exp(logvar) - 1 - logvar) per latent dim, summed over dim 1, mean over the batch.")
