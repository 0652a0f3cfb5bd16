"""inithooks_remove_hooks: a hook stays until you remove it.

linear_output_means(model, x) registers a forward hook on every nn.Linear,
runs the model once and returns the mean output of each Linear, in order.
It works, but it leaves its hooks behind: every later forward would call them
again (and they would keep appending). register_forward_hook returns a
RemovableHandle: keep every handle and call handle.remove() on each one, in a
`finally:` block so the hooks also go when the forward raises (any construct
that does the same counts: contextlib.ExitStack, `with handle:`; the check
makes the forward raise and looks at what is left). Remove only the hooks you
added: other code may have hooks of its own on the same modules.
Read: torch.nn.Module.register_forward_hook (RemovableHandle), try/finally
"""
import torch
from torch import nn


def linear_output_means(model: nn.Module, x: torch.Tensor) -> list[float]:
    means = []

    def hook(module, inputs, output):
        means.append(output.mean().item())

    handles = []
    try:
        for module in model.modules():
            if isinstance(module, nn.Linear):
                handles.append(module.register_forward_hook(hook))
        model(x)
    finally:
        for handle in handles:
            handle.remove()
    return means


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    print(linear_output_means(model, torch.randn(3, 4)))
    print("hooks left:", [len(m._forward_hooks) for m in model.modules()])
