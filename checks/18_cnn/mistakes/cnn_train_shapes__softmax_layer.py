"""cnn_train_shapes: a small CNN that recognises a shape wherever it is.

In `data.shapes(variant="shifted")` the training images show their object in
the LEFT half only and the test images in the RIGHT half only. Build
`make_cnn(num_classes)`: a CNN with at most 20,000 parameters that takes
(N, 3, 16, 16) images to (N, num_classes) logits. The check trains it (Adam,
lr 3e-3, batch 64, 3 epochs on 3,000 images) and wants at least 80 % test
accuracy; it trains an MLP with as many parameters the same way, and that one
stays near chance (1 in 6): it learned where things were, not what they are.

A layout that works: Conv2d(3, 16, 3, padding=1), BatchNorm2d, ReLU,
MaxPool2d(2), Conv2d(16, 32, 3, padding=1), BatchNorm2d, ReLU, then a global
max pool (nn.AdaptiveMaxPool2d(1): "is this feature anywhere?"), nn.Flatten()
and nn.Linear(32, num_classes). (Global average pooling learns far slower on
these small objects; a Flatten of the whole feature map learns positions.)

Read: torch.nn.Conv2d, torch.nn.AdaptiveMaxPool2d, docs/DATA.md (shapes)
"""
import torch
from torch import nn


def make_cnn(num_classes: int) -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(32, num_classes), nn.Softmax(dim=1),
    )


if __name__ == "__main__":
    model = make_cnn(6)
    print(model(torch.rand(2, 3, 16, 16)).shape, sum(p.numel() for p in model.parameters()), "parameters")
