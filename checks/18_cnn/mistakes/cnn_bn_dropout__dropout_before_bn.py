"""cnn_bn_dropout: where BatchNorm and Dropout go in a CNN.

Build `RegularisedCNN(num_classes, p=0.3)` as two nn.Sequential:
- `self.features`: two blocks, 3 -> 16 then 16 -> 32 channels, each
  Conv2d(3x3, padding=1, bias=False), BatchNorm2d, ReLU, MaxPool2d(2).
  The conv has no bias: the BatchNorm right after it subtracts each channel's
  mean, which cancels any bias; BatchNorm's own beta takes that role.
- `self.classifier`: AdaptiveAvgPool2d(1), Flatten, Dropout(p),
  Linear(32, num_classes). Dropout acts on the pooled features just before the
  last Linear, not between a conv and its BatchNorm (BatchNorm would then learn
  statistics in training that it never sees in eval).
forward(x): features, then classifier.

Read: torch.nn.BatchNorm2d, torch.nn.Dropout, torch.nn.Conv2d (bias)
"""
import torch
from torch import nn


class RegularisedCNN(nn.Module):
    def __init__(self, num_classes: int, p: float = 0.3):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.Dropout(p), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))
