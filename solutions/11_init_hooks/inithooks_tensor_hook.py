"""inithooks_tensor_hook: change a gradient on its way with Tensor.register_hook.

tensor.register_hook(fn) calls fn(grad) when the gradient of that tensor is
computed; if fn RETURNS a tensor, that tensor replaces the gradient (returning
None leaves it unchanged). Write clamp_grad_hooks(model, limit): on every
parameter of the model, register a hook that clamps the gradient to
[-limit, limit] (element-wise gradient clipping during backward), and return
the list of handles so the caller can remove the hooks later. Do not change
the gradient in place inside the hook: return a new tensor.
Read: torch.Tensor.register_hook, torch.clamp
"""
import torch
from torch import nn


def clamp_grad_hooks(model: nn.Module, limit: float) -> list:
    handles = []
    for p in model.parameters():
        handles.append(p.register_hook(lambda grad: grad.clamp(-limit, limit)))
    return handles


if __name__ == "__main__":
    model = nn.Linear(3, 2)
    handles = clamp_grad_hooks(model, 0.1)
    (model(torch.randn(8, 3)) * 100).sum().backward()
    print(model.weight.grad)
