import copy

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail

# Each case: a few ms. The learner's loss and a reference run on copies of the same tiny encoder/decoder
# with the same seeded eps; the loss and every parameter's gradient must agree.


def kl(mu, lv):
    return (0.5 * (mu.pow(2) + lv.exp() - 1 - lv)).sum(1).mean()


def variants(enc, dec, x, beta, seed):
    """The loss, and what the classic mistakes compute, on the same eps."""
    h = enc(x)
    mu, lv = h.chunk(2, dim=1)
    eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(seed), dtype=mu.dtype)
    logits = dec(mu + torch.exp(0.5 * lv) * eps)
    b = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / b
    wrong = {
        "the reconstruction term is averaged over every pixel: SUM it over each sample's pixels, then divide by "
        "the batch size (else the KL outweighs it and the VAE learns to ignore its input).":
            F.binary_cross_entropy_with_logits(logits, x) + beta * kl(mu, lv),
        "the KL is not multiplied by beta: loss = recon + beta * kl.": recon + kl(mu, lv),
        "beta multiplies the reconstruction term; it weighs the KL: loss = recon + beta * kl.":
            beta * recon + kl(mu, lv),
        "mu and logvar are swapped: the FIRST D columns are mu, the last D are logvar.":
            F.binary_cross_entropy_with_logits(dec(lv + torch.exp(0.5 * mu) * eps), x, reduction="sum") / b
            + beta * kl(lv, mu),
        "you decoded mu itself: the decoder takes the sample z = mu + std * eps.":
            F.binary_cross_entropy_with_logits(dec(mu), x, reduction="sum") / b + beta * kl(mu, lv),
        "std = exp(0.5 * logvar), not exp(logvar).":
            F.binary_cross_entropy_with_logits(dec(mu + torch.exp(lv) * eps), x, reduction="sum") / b
            + beta * kl(mu, lv),
        "the KL is averaged over every element: SUM it over the latent dims (dim 1), then MEAN over the batch.":
            recon + beta * (0.5 * (mu.pow(2) + lv.exp() - 1 - lv)).mean(),
        "sigmoid then BCE saturates for large logits (log is clamped at -100): use "
        "F.binary_cross_entropy_with_logits on the decoder's logits.":
            F.binary_cross_entropy(torch.sigmoid(logits), x, reduction="sum") / b + beta * kl(mu, lv),
    }
    return recon + beta * kl(mu, lv), {k: v.detach() for k, v in wrong.items()}


def variants_with_eps(enc, dec, x, beta, eps):
    mu, lv = enc(x).chunk(2, dim=1)
    logits = dec(mu + torch.exp(0.5 * lv) * eps.to(mu.dtype))
    return (F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0] + beta * kl(mu, lv)).detach()


def make(seed, d, scale):
    torch.manual_seed(seed)
    enc = nn.Sequential(nn.Flatten(), nn.Linear(36, 16), nn.Tanh(), nn.Linear(16, 2 * d))
    dec = nn.Sequential(nn.Linear(d, 36), nn.Unflatten(1, (1, 6, 6)))
    with torch.no_grad():
        dec[0].weight.mul_(scale)
        dec[0].bias.mul_(scale)
    return enc, dec


def test_loss_and_gradients(exercise):
    g = torch.Generator().manual_seed(0)
    # (batch, latent D, beta, decoder scale): scale 60 gives logits of a few hundred, where sigmoid + BCE saturates.
    # The float64 case: eps drawn in mu's dtype (from 16 values on, a float32 draw is other numbers).
    for b, d, beta, scale, dtype in [(6, 3, 1.0, 1.0, torch.float32), (1, 2, 1.0, 1.0, torch.float32),
                                     (5, 4, 0.25, 1.0, torch.float32), (4, 3, 4.0, 2.0, torch.float32),
                                     (4, 2, 1.0, 60.0, torch.float32), (8, 4, 1.0, 1.0, torch.float64)]:
        enc, dec = make(b + d, d, scale)
        enc, dec = enc.to(dtype), dec.to(dtype)
        renc, rdec = copy.deepcopy(enc), copy.deepcopy(dec)
        x = torch.rand(b, 1, 6, 6, generator=g).to(dtype)
        x[: b // 2] = (x[: b // 2] > 0.5).float()  # some binary images, some grey
        what = (f"vae_loss(encoder, decoder, x of shape {tuple(x.shape)}, beta={beta}, generator) (latent D = {d}"
                + (", float64)" if dtype == torch.float64 else ")"))
        got = exercise.vae_loss(enc, dec, x.clone(), beta, torch.Generator().manual_seed(7))
        got = expect_tensor(got, what)
        expect_shape(got, (), what, hint="the loss is one number: recon + beta * kl, both averaged over the batch.")
        want, wrong = variants(renc, rdec, x, beta, 7)
        if dtype == torch.float64:
            eps32 = torch.randn(b, d, generator=torch.Generator().manual_seed(7))
            wrong["eps was drawn in float32: draw it with dtype=mu.dtype (a float32 draw is other numbers, not the "
                  "same ones rounded)."] = variants_with_eps(renc, rdec, x, beta, eps32)
        expect_close(got.detach(), want.detach(), what, rtol=1e-4, atol=1e-4, mistakes=wrong,
                     hint="recon = F.binary_cross_entropy_with_logits(logits, x, reduction='sum') / B; "
                          "kl = 0.5 * (mu^2 + exp(logvar) - 1 - logvar) summed over dim 1, mean over the batch; "
                          "eps from the generator you were given.")
        expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
               hint="no .item(), .detach() or torch.no_grad() inside: the VAE trains on this loss.")
        got.backward()
        want.backward()
        for name, (mine, ref) in {"encoder": (enc, renc), "decoder": (dec, rdec)}.items():
            for (pname, p), rp in zip(mine.named_parameters(), ref.parameters()):
                if p.grad is None:
                    fail(f"no gradient reached the {name}'s {pname} through {what}.",
                         hint="mu and logvar must reach the loss through z (the reparameterisation) and the KL.")
                expect_close(p.grad, rp.grad, f"the gradient of {what} for the {name}'s {pname}",
                             rtol=1e-3, atol=1e-4)
