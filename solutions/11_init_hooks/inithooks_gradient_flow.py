"""inithooks_gradient_flow: a gradient-flow report that finds a dead layer.

gradient_flow(model, x, y, loss_fn) -> (norms, dead):
- register a full backward hook on every nn.Linear that records
  grad_output[0].norm().item() (the gradient reaching the layer's output);
- run loss_fn(model(x), y).backward() once; remove your hooks (in `finally:`);
- norms: {layer name: norm}, in the order of model.named_modules();
- dead: the name of the layer where the gradient stops, i.e. the LAST Linear
  (closest to the output) whose norm is below 1e-10, or None if none is.
Why hooks, not each weight's .grad norm: a weight's gradient is zero also
when the layer's INPUT is zero, so after a dead ReLU the healthy layers
behind it look dead too; the gradient at a layer's output says where the
signal stops. In a plain chain like the check's, every layer before the
dead one then gets zero; a skip connection would carry gradient around it.
Read: torch.nn.Module.register_full_backward_hook, torch.Tensor.norm
"""
import torch
from torch import nn


def gradient_flow(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn) -> tuple[dict[str, float], str | None]:
    norms = {}
    handles = []

    def make_hook(name):
        def hook(module, grad_input, grad_output):
            norms[name] = grad_output[0].norm().item()
        return hook

    try:
        for name, module in model.named_modules():
            if isinstance(module, nn.Linear):
                norms[name] = 0.0
                handles.append(module.register_full_backward_hook(make_hook(name)))
        loss_fn(model(x), y).backward()
    finally:
        for h in handles:
            h.remove()
    dead = None
    for name, n in norms.items():
        if n < 1e-10:
            dead = name
    return norms, dead


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
    nn.init.constant_(model[2].bias, -100.0)  # every input of the second ReLU is negative: a dead layer
    norms, dead = gradient_flow(model, torch.randn(32, 8), torch.randn(32, 1), nn.MSELoss())
    for name, n in norms.items():
        print(f"{name:4s} {n:.3e}")
    print("dead:", dead)
