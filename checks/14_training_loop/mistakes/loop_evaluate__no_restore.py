"""loop_evaluate: measuring on validation data without changing the model.

Write evaluate(model, loader, loss_fn) -> (mean_loss, accuracy) over every
sample of `loader`, as Python floats, weighted by batch size as in
loop_epoch_metrics. Measuring must not change the model:
  - model.eval() while measuring: Dropout stops dropping and BatchNorm uses
    (and no longer updates) its running statistics. The model here has both,
    so forgetting eval() gives other numbers and changes the model;
  - torch.no_grad(): no graph is recorded, nothing can be trained by mistake;
  - at the end, put the model back in the mode it came in (train or eval).

Read: torch.nn.Module.eval, torch.nn.Module.train (mode=), torch.no_grad
"""
import torch
from torch import nn


def evaluate(model, loader, loss_fn):
    was_training = model.training
    model.eval()
    total_loss, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            out = model(x)
            total_loss += loss_fn(out, y).item() * len(y)
            correct += (out.argmax(dim=1) == y).sum().item()
            seen += len(y)
    return total_loss / seen, correct / seen


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 2))
    x, y = torch.randn(50, 2), torch.randint(0, 2, (50,))
    loader = [(x[:20], y[:20]), (x[20:40], y[20:40]), (x[40:], y[40:])]
    print(evaluate(model, loader, nn.CrossEntropyLoss()), "training mode kept:", model.training)
    print(evaluate(model, loader, nn.CrossEntropyLoss()), "(the same numbers again)")
