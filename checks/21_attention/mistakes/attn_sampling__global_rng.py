"""Draws with the global RNG: the generator argument is ignored."""
import torch
def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    z = logits / temperature
    if top_k is not None:
        kth = torch.topk(z, top_k, -1).values[:, -1:]
        z = z.masked_fill(z < kth, float("-inf"))
    return torch.multinomial(z.softmax(-1), 1)[:, 0]
