"""cnn_feature_maps: capture a CNN's intermediate feature maps with forward hooks.

To look at what a CNN's layers respond to, you need their outputs. Write
`feature_maps(model, x, names)`: `names` are submodule names as
`model.named_modules()` gives them (e.g. "0", "features.3", "layer1.0.conv2").
Run the model once on x in eval mode without recording gradients, and return
{name: that submodule's OUTPUT} for each name, each a detached copy of its own
(an in-place ReLU later in the network would otherwise overwrite what you
saved). Remove every hook you added before returning, even if the forward
pass raises. An unknown name raises KeyError before anything runs.

Read: torch.nn.Module.register_forward_hook, torch.nn.Module.named_modules,
torch.utils.hooks.RemovableHandle, torch.Tensor.clone
"""
import torch
from torch import nn


def feature_maps(model: nn.Module, x: torch.Tensor, names: list[str]) -> dict:
    modules = dict(model.named_modules())
    saved = {}
    handles = []
    for name in names:
        module = modules[name]
        def hook(mod, args, output, name=name):
            saved[name] = output.detach().clone()
        handles.append(module.register_forward_hook(hook))
    try:
        model.eval()
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return saved


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(4, 2, 3))
    maps = feature_maps(net, torch.randn(1, 3, 8, 8), ["0", "2"])
    print({k: tuple(v.shape) for k, v in maps.items()}, (maps["0"] < 0).any().item())
