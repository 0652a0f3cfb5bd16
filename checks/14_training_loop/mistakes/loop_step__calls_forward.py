"""loop_step: the five lines every training loop repeats.

Write train_step(model, loss_fn, optimizer, x, y): one step of training on the
batch (x, y), in this order:
  1. clear the gradients left in .grad (the model may arrive with stale ones),
  2. forward: predictions = model(x),
  3. loss = loss_fn(predictions, y),
  4. backward: fill .grad of every parameter,
  5. optimizer.step(): update the parameters.
Return the loss of this batch (computed before the update) as a Python float.

Read: torch.optim.Optimizer.zero_grad, torch.Tensor.backward,
torch.optim.Optimizer.step, torch.Tensor.item
"""
import torch
from torch import nn


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model.forward(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Linear(4, 3)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y = torch.randn(16, 4), torch.randint(0, 3, (16,))
    for step in range(5):
        print(step, train_step(model, nn.CrossEntropyLoss(), optimizer, x, y))
