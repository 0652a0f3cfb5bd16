"""modules_freeze: train only the head.

To fine-tune a model on a new task, its pretrained part (the backbone) is
often frozen: p.requires_grad_(False) on each of its parameters (or
module.requires_grad_(False) for all of them at once). Frozen parameters get
no gradient and are never changed; only the head learns.

Write train_head(model, x, y, steps, lr): freeze every parameter of
model.backbone (model.head stays trainable), build torch.optim.SGD over the
parameters that still require grad, then run `steps` steps of the usual loop
(zero_grad, loss = F.mse_loss(model(x), y), backward, step). Return the list
of the loss values as Python floats, one per step.

Read: torch.nn.Module.requires_grad_, torch.optim.SGD, torch.Tensor.item
"""
import torch
import torch.nn.functional as F
from torch import nn


def train_head(model: nn.Module, x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> list[float]:
    # TODO: freeze the backbone
    ...
    # TODO: an SGD optimizer over the trainable parameters only
    opt = ...
    losses = []
    # TODO: the training loop; append loss.item() at every step
    ...
    return losses


if __name__ == "__main__":
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.backbone = nn.Sequential(nn.Linear(3, 8), nn.ReLU())
            self.head = nn.Linear(8, 1)

        def forward(self, x):
            return self.head(self.backbone(x))

    torch.manual_seed(0)
    print(train_head(Net(), torch.randn(16, 3), torch.randn(16, 1), steps=5, lr=0.1))
