"""cnn_tv_resnet_small: torchvision's resnet18, adapted to 32x32 images.

torchvision.models.resnet18 was designed for 224x224 ImageNet images: its stem
(a 7x7 stride-2 conv, then a stride-2 max pool) shrinks the input 4x before the
first block, so a 32x32 image reaches the last stage as a 1x1 map. Write
`resnet18_small(num_classes)`: build resnet18 with weights=None (random
weights, nothing downloaded) and num_classes outputs, then adapt its stem:
- conv1: Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
- maxpool: nn.Identity()
so a (N, 3, 32, 32) batch reaches layer4 as (N, 512, 4, 4) and the model
returns (N, num_classes) logits.

Read: torchvision.models.resnet18, torch.nn.Identity
"""
import torch
from torch import nn
from torchvision.models import resnet18


def resnet18_small(num_classes: int) -> nn.Module:
    model = resnet18(weights=None, num_classes=num_classes)
    model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
    model.maxpool = nn.MaxPool2d(3, stride=1, padding=1)
    return model


if __name__ == "__main__":
    model = resnet18_small(10)
    print(model(torch.randn(2, 3, 32, 32)).shape, sum(p.numel() for p in model.parameters()))
