"""Adds the noise in place: x.add_ overwrites the caller's tensor."""
import torch
def add_noise(x, std):
    return x.add_(torch.randn_like(x) * std)
