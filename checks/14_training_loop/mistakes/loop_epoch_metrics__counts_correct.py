"""loop_epoch_metrics: what one epoch scored, sample by sample.

Write train_epoch(model, loss_fn, optimizer, loader): one epoch of training
(one step per batch, as in loop_epochs) that also returns
(mean_loss, accuracy) over every SAMPLE of the epoch, as Python floats:
  - loss_fn gives a batch's MEAN loss; a batch of b samples counts b times:
    mean_loss = sum(batch_loss * b) / (number of samples);
  - accuracy = (samples whose highest-scoring class is their label) / (number of samples).
Batches may differ in size (the last one is often smaller). Measure with the
outputs each step already computed, before that batch's update: no second
forward pass.

Read: torch.Tensor.argmax, torch.Tensor.item, torch.Tensor.size
"""
import torch
from torch import nn


def train_epoch(model, loss_fn, optimizer, loader):
    total_loss, correct, seen = 0.0, 0, 0
    for x, y in loader:
        optimizer.zero_grad()
        out = model(x)
        loss = loss_fn(out, y)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(y)
        correct += (out.argmax(dim=1) == y).sum().item()
        seen += len(y)
    return total_loss / seen, correct


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(50, 2), torch.randint(0, 2, (50,))
    loader = [(x[:20], y[:20]), (x[20:40], y[20:40]), (x[40:], y[40:])]   # 20, 20 and 10 samples
    print(train_epoch(model, nn.CrossEntropyLoss(), optimizer, loader))
