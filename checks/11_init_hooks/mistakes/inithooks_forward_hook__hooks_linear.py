"""inithooks_forward_hook: record activations with forward hooks.

module.register_forward_hook(hook) makes PyTorch call hook(module, inputs, output)
right after every forward of that module, without touching forward() itself.
1. make_hook(store, name): return a hook that saves output.detach() in store[name].
   detach(): a stored tensor that still requires grad keeps its whole autograd
   graph alive (memory!) and lets later code backprop into it by accident.
2. attach_relu_hooks(model, store): register make_hook(store, name) on every
   nn.ReLU in the model (nested ones too: model.named_modules() gives each
   module with its dotted name) and return the list of handles.
Read: torch.nn.Module.register_forward_hook, torch.nn.Module.named_modules
"""
import torch
from torch import nn


def make_hook(store: dict, name: str):
    def hook(module, inputs, output):
        store[name] = output.detach()
    return hook


def attach_relu_hooks(model: nn.Module, store: dict) -> list:
    handles = []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            handles.append(module.register_forward_hook(make_hook(store, name)))
    return handles


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Sequential(nn.Linear(8, 8), nn.ReLU()))
    store = {}
    handles = attach_relu_hooks(model, store)
    model(torch.randn(2, 4))
    print({name: tuple(t.shape) for name, t in store.items()})
