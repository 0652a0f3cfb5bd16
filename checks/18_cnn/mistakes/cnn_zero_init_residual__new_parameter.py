"""cnn_zero_init_residual: start every residual block as the identity.

Write `zero_init_residual(model)`: for every torchvision residual block inside
`model` (at any depth), set to zero the weight (gamma) of the block's LAST
BatchNorm: `bn2` in a torchvision.models.resnet.BasicBlock, `bn3` in a
Bottleneck. Change nothing else (other BatchNorms, the downsample's BatchNorm,
biases, convs, the head) and do it in place without recording gradients.
With gamma = 0 the main path outputs beta = 0 (its default), so a block
without downsample computes relu(0 + x) = x for x >= 0: deep ResNets start as
shallow ones and train more easily (torchvision's zero_init_residual=True).

Read: torch.nn.Module.modules, torchvision.models.resnet, torch.no_grad
"""
import torch
from torch import nn
from torchvision.models.resnet import BasicBlock, Bottleneck


def zero_init_residual(model: nn.Module) -> None:
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, Bottleneck):
                m.bn3.weight = nn.Parameter(torch.zeros_like(m.bn3.weight))
            elif isinstance(m, BasicBlock):
                m.bn2.weight = nn.Parameter(torch.zeros_like(m.bn2.weight))


if __name__ == "__main__":
    from torchvision.models import resnet18
    net = resnet18(weights=None)
    zero_init_residual(net)
    print(net.layer1[0].bn2.weight[:4], net.layer1[0].bn1.weight[:4])
