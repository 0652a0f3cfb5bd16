"""modules_evaluate: predicting without side effects.

To use a model for predictions, two switches are needed:
- model.eval(): Dropout stops dropping, BatchNorm uses its running
  statistics instead of the batch's (and stops updating them);
- torch.no_grad(): no graph is recorded, which saves memory and time.
A helper that predicts should leave the model as it found it: if it was
training, put it back in training mode afterwards.

Write predict(model, x): the model's output for x in evaluation mode, without
gradient tracking, and the model's mode (train or eval) restored at the end.

Read: torch.nn.Module.eval, torch.nn.Module.train (mode argument), torch.no_grad
"""
import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO: remember the mode, switch to eval, run without gradients, restore the mode
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out


if __name__ == "__main__":
    net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5))
    x = torch.randn(2, 4)
    print(predict(net, x))
    print(predict(net, x), "(the same: no dropout)", net.training)
