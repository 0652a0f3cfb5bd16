"""inithooks_xavier_apply: an init function for model.apply.

model.apply(fn) calls fn(m) on every submodule (and on the model itself).
Write `init_weights(m)` so that model.apply(init_weights) gives every
nn.Linear a Xavier NORMAL weight with the gain for tanh
(nn.init.calculate_gain("tanh")) and a zero bias. "Every nn.Linear" means
isinstance(m, nn.Linear), subclasses included (nn.MultiheadAttention's
out_proj is one). Any other module (convolutions, norms, embeddings, the
attention's own in_proj weights...) must be left exactly as it is.
Read: torch.nn.Module.apply, torch.nn.init.xavier_normal_, calculate_gain, zeros_
"""
import torch
from torch import nn


def init_weights(m: nn.Module) -> None:
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight, gain=nn.init.calculate_gain("tanh"))
        if m.bias is not None:
            nn.init.zeros_(m.bias)


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(300, 100), nn.Tanh(), nn.Linear(100, 10))
    model.apply(init_weights)
    for name, p in model.named_parameters():
        print(f"{name:10s} std {p.std().item():.4f}")
