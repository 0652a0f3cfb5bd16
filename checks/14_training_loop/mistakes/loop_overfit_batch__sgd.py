"""loop_overfit_batch: the sanity check to run before a long training.

A model, loss and loop that work can drive the loss on ONE small batch to
almost zero: the model simply memorises it. If they cannot, something is
broken (a softmax before CrossEntropyLoss, a detached layer, a wrong target)
and a long run would only hide it.

Write overfit_one_batch(model, loss_fn, x, y, lr, max_steps, target): train on
the single batch (x, y), with torch.optim.Adam(model.parameters(), lr=lr), one
step per iteration, at most max_steps steps. Record every step's loss (a float,
computed before that step's update) and stop as soon as a recorded loss is
below target. Return (passed, losses): passed is True when some loss fell below
target.

Read: torch.optim.Adam
"""
import torch
from torch import nn


def overfit_one_batch(model, loss_fn, x, y, lr, max_steps, target):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(max_steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        losses.append(loss.item())
        if losses[-1] < target:
            return True, losses
        loss.backward()
        optimizer.step()
    return False, losses


if __name__ == "__main__":
    torch.manual_seed(0)
    x, y = torch.randn(16, 8), torch.randint(0, 4, (16,))
    healthy = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 4))
    broken = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 4), nn.Softmax(dim=1))
    for name, model in [("healthy", healthy), ("softmax before the loss", broken)]:
        passed, losses = overfit_one_batch(model, nn.CrossEntropyLoss(), x, y, 1e-2, 300, 0.01)
        print(f"{name}: passed={passed} after {len(losses)} steps, last loss {losses[-1]:.4f}")
