"""cnn_vgg_block: VGG's repeating unit, and a network made of them.

`vgg_block(num_convs, in_channels, out_channels)` returns an nn.Sequential of
`num_convs` times [Conv2d(3x3, padding=1), ReLU], the first conv taking
in_channels and every later one out_channels, then one MaxPool2d(2): the
3x3 convs keep the size, the pool halves it.

`vgg_features(arch, in_channels=3)` chains one block per (num_convs,
out_channels) pair of `arch`: an nn.Sequential whose items are the blocks
(len(arch) of them, not their layers), each block's input being the previous
block's output channels. Example: arch ((1, 8), (2, 16)) maps
(N, 3, 32, 32) to (N, 16, 8, 8).

Read: torch.nn.Sequential, torch.nn.Conv2d, torch.nn.MaxPool2d
"""
import torch
from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, 3, padding=1), nn.ReLU()]
        in_channels = out_channels
    layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


def vgg_features(arch, in_channels: int = 3) -> nn.Sequential:
    blocks = []
    for num_convs, out_channels in arch:
        blocks.append(vgg_block(num_convs, in_channels, out_channels))
        in_channels = out_channels
    return nn.Sequential(*blocks)


if __name__ == "__main__":
    net = vgg_features(((1, 8), (2, 16)))
    print(net(torch.randn(2, 3, 32, 32)).shape)
