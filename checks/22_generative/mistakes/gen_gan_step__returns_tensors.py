# Returns the two losses as (detached) tensors instead of Python floats.
import torch
import torch.nn.functional as F
from torch import nn
def gan_step(G, D, opt_g, opt_d, real, z):
    bce = F.binary_cross_entropy_with_logits
    fake = G(z)
    
    dr, df = D(real), D(fake.detach())
    d_loss = bce(dr, torch.ones_like(dr)) + bce(df, torch.zeros_like(df))
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()
    
    out = D(fake)
    g_loss = bce(out, torch.ones_like(out))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    
    return d_loss.detach(), g_loss.detach()
