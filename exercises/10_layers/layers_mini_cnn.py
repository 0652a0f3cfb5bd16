"""layers_mini_cnn: a small CNN whose head is sized by arithmetic.

Build `SmallCNN(in_channels, image_size, channels, num_classes)`:
- `self.blocks`: an nn.ModuleList with one block per entry of `channels`, each
  nn.Sequential(nn.Conv2d(c_in, c, 3, padding=1), nn.BatchNorm2d(c),
  nn.ReLU(), nn.MaxPool2d(2)); c_in is in_channels, then the previous c;
- `self.head`: nn.Linear(features, num_classes), where features is
  channels[-1] * s * s and s is the spatial size after all blocks: work it out
  from the conv and pooling output-size formulas (pooling floors: 13 -> 6).
forward(x): x of shape (N, in_channels, image_size, image_size) through the
blocks, flattened per sample, through the head: (N, num_classes) logits.

Read: torch.nn.Conv2d, torch.nn.MaxPool2d ("Shape" sections), torch.flatten
"""
import torch
from torch import nn


class SmallCNN(nn.Module):
    def __init__(self, in_channels: int, image_size: int, channels: list[int], num_classes: int):
        super().__init__()
        # TODO: self.blocks and self.head
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO
        raise NotImplementedError


if __name__ == "__main__":
    model = SmallCNN(3, 13, [8, 16], 10)
    print(model(torch.randn(2, 3, 13, 13)).shape, sum(p.numel() for p in model.parameters()))
