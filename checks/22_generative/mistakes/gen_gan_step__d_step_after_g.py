"""gen_gan_step: one GAN training step, two optimizers, the right detach.

D(x) gives a logit (real = 1, fake = 0); G(z) gives a fake x. One step:
1. the discriminator: fake = G(z); d_loss = BCE-with-logits(D(real), 1) +
   BCE-with-logits(D(fake.detach()), 0) (a sum of the two means); zero D's
   grads, backward, opt_d.step(). The detach keeps this backward out of G.
2. the generator, with the UPDATED D: g_loss = BCE-with-logits(D(fake), 1)
   (the non-saturating loss); zero G's grads, backward, opt_g.step(). This
   backward also fills D's .grad, but only opt_g steps: D must not change.
Return (d_loss, g_loss) as Python floats.

Read: torch.nn.functional.binary_cross_entropy_with_logits, Tensor.detach
"""
import torch
import torch.nn.functional as F
from torch import nn


def gan_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer, opt_d: torch.optim.Optimizer,
             real: torch.Tensor, z: torch.Tensor) -> tuple[float, float]:
    fake = G(z)
    d_real, d_fake = D(real), D(fake.detach())
    d_loss = (F.binary_cross_entropy_with_logits(d_real, torch.ones_like(d_real))
              + F.binary_cross_entropy_with_logits(d_fake, torch.zeros_like(d_fake)))
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()

    out = D(fake)
    g_loss = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    opt_d.step()
    return d_loss.item(), g_loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    G = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    D = nn.Sequential(nn.Linear(2, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))
    opt_g, opt_d = torch.optim.Adam(G.parameters(), 1e-3), torch.optim.Adam(D.parameters(), 1e-3)
    for step in range(5):
        print(gan_step(G, D, opt_g, opt_d, torch.randn(64, 2) + 3, torch.randn(64, 2)))
