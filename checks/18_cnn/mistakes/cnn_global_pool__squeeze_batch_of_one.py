"""cnn_global_pool: a head that works for any image size.

`AnySizeCNN(num_classes)` has its convolutional `self.features` written for
you: it maps (N, 3, H, W) to (N, 32, H', W') with H', W' depending on the input.
A Linear on the flattened map would fix one input size. Finish it:
- `self.head`: nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(),
  nn.Linear(32, num_classes)): global AVERAGE pooling, one mean per channel
  over all positions;
- forward(x): features, then head: (N, num_classes) for any H, W >= 4.

Read: torch.nn.AdaptiveAvgPool2d, torch.nn.Flatten
"""
import torch
from torch import nn


class AnySizeCNN(nn.Module):
    def __init__(self, num_classes: int):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear(32, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.pool(self.features(x)).squeeze())


if __name__ == "__main__":
    model = AnySizeCNN(5)
    for size in (16, 23, 64):
        print(size, model(torch.randn(2, 3, size, size)).shape)
