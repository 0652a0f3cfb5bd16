"""loop_clip_norm: gradient clipping by total norm, by hand.

One bad batch can produce a huge gradient and throw a model far off. Clipping
by norm rescales the gradient when it is too long, keeping its direction.
Write clip_grad_norm(parameters, max_norm), doing what
torch.nn.utils.clip_grad_norm_ does (without calling it):
  - total_norm = the 2-norm of ALL gradients together, as if flattened into
    one vector; parameters whose .grad is None are skipped;
  - if total_norm > max_norm, multiply every gradient in place by
    max_norm / (total_norm + 1e-6); otherwise leave them alone;
  - return total_norm, measured before clipping, as a 0-d tensor.
`parameters` may be a generator like model.parameters(): it can be walked once.

Read: torch.nn.utils.clip_grad_norm_, torch.linalg.vector_norm
"""
import torch
from torch import nn


def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total_norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    if total_norm > max_norm:
        for g in grads:
            g.mul_(max_norm / (total_norm + 1e-6))
    return float(total_norm)  # a number is easier to log


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Linear(4, 2)
    (model(torch.randn(8, 4)) * 100).sum().backward()
    print("norm before", clip_grad_norm(model.parameters(), 1.0).item())
    print("norm after ", clip_grad_norm(model.parameters(), 1.0).item())
