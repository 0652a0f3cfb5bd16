"""cnn_lenet: LeNet-5, the first convolutional network, with today's ReLU and max pooling.

Build `LeNet(num_classes=10)` for (N, 1, 28, 28) images, as two nn.Sequential:
- `self.features`: Conv2d(1, 6, 5, padding=2), ReLU, MaxPool2d(2),
  Conv2d(6, 16, 5), ReLU, MaxPool2d(2)
- `self.classifier`: Flatten, Linear(?, 120), ReLU, Linear(120, 84), ReLU,
  Linear(84, num_classes)
Work out `?` from the shapes (28 -> 28 -> 14 -> 10 -> 5). forward(x) runs the
features, then the classifier: (N, num_classes) logits. With 10 classes the
model has 61,706 parameters.

Read: torch.nn.Conv2d, torch.nn.MaxPool2d, torch.nn.Flatten
"""
import torch
from torch import nn


class LeNet(nn.Module):
    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


if __name__ == "__main__":
    model = LeNet()
    print(model(torch.randn(2, 1, 28, 28)).shape, sum(p.numel() for p in model.parameters()))
