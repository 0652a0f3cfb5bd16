"""cnn_tv_compare: AlexNet, VGG, ResNet and EfficientNet side by side, built for free.

`build(name, num_classes)`: torchvision.models.get_model(name, weights=None,
num_classes=num_classes), constructed on the "meta" device (`with
torch.device("meta"):`): every tensor has a shape and no memory, so even VGG's
129 M parameters cost nothing and nothing is downloaded.

`summary(model, image_size)` returns a dict for one (1, 3, image_size,
image_size) image on the model's device:
- "params": the total number of parameter elements (an int);
- "feature_shape": (C, H, W) of the feature map that `model.avgpool` receives
  (all four families have an avgpool between their features and classifier);
- "logits_shape": the shape of the model's output, as a tuple.

Read: torchvision.models.get_model, torch.device (as a context manager),
torch.nn.Module.register_forward_pre_hook
"""
import torch
from torch import nn
from torchvision import models


def build(name: str, num_classes: int) -> nn.Module:
    return models.get_model(name, weights=None, num_classes=num_classes).to("meta")


def summary(model: nn.Module, image_size: int) -> dict:
    device = next(model.parameters()).device
    seen = {}
    handle = model.avgpool.register_forward_pre_hook(lambda module, args: seen.update(features=args[0].shape))
    try:
        out = model(torch.empty(1, 3, image_size, image_size, device=device))
    finally:
        handle.remove()
    return {"params": sum(p.numel() for p in model.parameters()),
            "feature_shape": tuple(seen["features"][1:]), "logits_shape": tuple(out.shape)}


if __name__ == "__main__":
    for name in ("alexnet", "vgg11", "resnet18", "efficientnet_b0"):
        print(name, summary(build(name, 10), 224))
