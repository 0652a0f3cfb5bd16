"""modules_first_module: your first nn.Module.

Every PyTorch model is a class that subclasses nn.Module:
- `__init__` first calls `super().__init__()`, then creates the layers and
  stores them as attributes (`self.fc1 = nn.Linear(...)`): that registers them;
- `forward(x)` says how the input flows through them. You call a module
  itself, `model(x)`, never `model.forward(x)` (that skips the module's
  hooks), and this holds inside forward too: `self.fc1(x)`, not
  `self.fc1.forward(x)`.

Finish TwoLayerNet: fc1 = Linear(n_in, n_hidden), fc2 = Linear(n_hidden, n_out),
and forward(x) = fc2(relu(fc1(x))).

Read: torch.nn.Module, torch.nn.Linear, torch.relu
"""
import torch
from torch import nn


class TwoLayerNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        # TODO: call the parent constructor, then create self.fc1 and self.fc2
        super().__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: fc1, then ReLU, then fc2
        return self.fc2(torch.relu(self.fc1(x)))


if __name__ == "__main__":
    net = TwoLayerNet(4, 8, 3)
    print(net)
    print(net(torch.randn(2, 4)))
