"""inithooks_backward_hook: see the gradients flowing back through a model.

module.register_full_backward_hook(hook) calls hook(module, grad_input,
grad_output) during backward. Both are tuples: grad_output[0] is dLoss/d(the
module's output), grad_input[0] is dLoss/d(its input).
Write output_grads(model, x): register a full backward hook on every
nn.Linear that stores grad_output[0].detach() in a dict under the module's
name (from model.named_modules()), run loss = model(x).pow(2).sum() and
loss.backward(), remove your hooks, and return the dict. Tensor hooks on the
Linears' outputs (output.register_hook, set up from forward hooks) give the
same numbers and count too; what the check reads is the dict, and that no
hook of yours is left on the model.
Read: torch.nn.Module.register_full_backward_hook
"""
import torch
from torch import nn


def output_grads(model: nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    grads = {}
    handles = []

    def make_hook(name):
        def hook(module, grad_input, grad_output):
            grads[name] = grad_output[0].detach()
        return hook

    try:
        for name, module in model.named_modules():
            if isinstance(module, nn.Linear):
                handles.append(module.register_full_backward_hook(make_hook(name)))
        loss = model(x).pow(2).sum()
        loss.backward()
    finally:
        for h in handles:
            h.remove()
    return grads


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    for name, g in output_grads(model, torch.randn(3, 4)).items():
        print(name, tuple(g.shape), g.norm().item())
