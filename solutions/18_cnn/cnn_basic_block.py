"""cnn_basic_block: ResNet's BasicBlock, with its residual and a 1x1 downsampling shortcut.

Build `BasicBlock(in_channels, out_channels, stride=1)` with torchvision's names:
- conv1: Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False), bn1: BatchNorm2d
- conv2: Conv2d(out_channels, out_channels, 3, padding=1, bias=False), bn2: BatchNorm2d
- downsample: None when stride == 1 and in_channels == out_channels; otherwise
  nn.Sequential(Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
  BatchNorm2d(out_channels)), so the shortcut has the main path's shape.
forward(x): out = relu(bn1(conv1(x))); out = bn2(conv2(out)); add the shortcut
(x, or downsample(x)); then relu. The ReLU comes AFTER the addition.

Read: torchvision.models.resnet (BasicBlock), "Deep Residual Learning" (He et al., 2015)
"""
import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU()
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                            nn.BatchNorm2d(out_channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


if __name__ == "__main__":
    block = BasicBlock(8, 16, stride=2)
    print(block(torch.randn(2, 8, 10, 10)).shape)
