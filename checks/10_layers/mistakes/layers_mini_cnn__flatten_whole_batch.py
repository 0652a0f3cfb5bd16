import torch
from torch import nn


class SmallCNN(nn.Module):
    def __init__(self, in_channels: int, image_size: int, channels: list[int], num_classes: int):
        super().__init__()
        # TODO: self.blocks and self.head
        blocks, c_in, s = [], in_channels, image_size
        for c in channels:
            blocks.append(nn.Sequential(nn.Conv2d(c_in, c, 3, padding=1), nn.BatchNorm2d(c), nn.ReLU(), nn.MaxPool2d(2)))
            c_in, s = c, s // 2  # the conv keeps the size, the pool halves it (floor)
        self.blocks = nn.ModuleList(blocks)
        self.head = nn.Linear(c_in * s * s, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO
        for block in self.blocks:
            x = block(x)
        return self.head(x.flatten())

